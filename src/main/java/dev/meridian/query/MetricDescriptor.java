package dev.meridian.query;

import dev.meridian.telemetry.MetricType;

/** A metric as sent; {@code monotonic} is meaningful for sums only (counters yes, up-down counters no). */
public record MetricDescriptor(String name, MetricType type, String unit, String description, boolean monotonic) {
}
