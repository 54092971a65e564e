package dev.meridian.telemetry;

import java.util.List;

/** What one export request carried after decoding: stored together, acknowledged together. */
public record TelemetryBatch(List<Span> spans, List<LogRecord> logs, List<MetricPoint> metricPoints) {

    public static final TelemetryBatch EMPTY = new TelemetryBatch(List.of(), List.of(), List.of());

    public static TelemetryBatch ofSpans(List<Span> spans) {
        return new TelemetryBatch(spans, List.of(), List.of());
    }

    public static TelemetryBatch ofLogs(List<LogRecord> logs) {
        return new TelemetryBatch(List.of(), logs, List.of());
    }

    public static TelemetryBatch ofMetricPoints(List<MetricPoint> points) {
        return new TelemetryBatch(List.of(), List.of(), points);
    }

    public int size() {
        return spans.size() + logs.size() + metricPoints.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
