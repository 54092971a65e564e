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

    /** Items {@code [from, to)} in the order spans, logs, metric points (views of this batch's lists). */
    public TelemetryBatch slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a batch of " + size());
        }
        int logsFrom = spans.size();
        int pointsFrom = logsFrom + logs.size();
        return new TelemetryBatch(part(spans, from, to, 0), part(logs, from, to, logsFrom), part(metricPoints, from, to, pointsFrom));
    }

    private static <T> List<T> part(List<T> items, int from, int to, int offset) {
        int start = Math.clamp(from - offset, 0, items.size());
        int end = Math.clamp(to - offset, 0, items.size());
        return start == end ? List.of() : items.subList(start, end);
    }
}
