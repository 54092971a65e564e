package dev.meridian.query;

import dev.meridian.telemetry.MetricType;

public record MetricDescriptor(String name, MetricType type, String unit, String description) {
}
