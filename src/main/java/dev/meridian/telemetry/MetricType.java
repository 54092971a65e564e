package dev.meridian.telemetry;

public enum MetricType {
    GAUGE, SUM, HISTOGRAM, EXPONENTIAL_HISTOGRAM, SUMMARY
}
