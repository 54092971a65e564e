package dev.meridian.alerts;

import java.util.List;

/** What a firing alert brings: the slowest (or failed) traces of its window and their warning and error logs. */
public record Evidence(List<TraceRef> traces, List<LogLine> logs) {

    public static final Evidence NONE = new Evidence(List.of(), List.of());

    public Evidence {
        traces = List.copyOf(traces);
        logs = List.copyOf(logs);
    }

    /** A trace behind the alert, with its link in Meridian. */
    public record TraceRef(String traceId, double durationMs, String rootService, String rootName, String url) {
    }

    /** A log record of the window; {@code traceId} empty when it has none. */
    public record LogLine(String time, String severityText, String body, String service, String traceId) {
    }
}
