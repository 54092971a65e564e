package dev.meridian.query;

import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;

/**
 * A log search, newest first. Null fields do not filter; {@code minSeverity} is an OTLP severity
 * number (a minimum); {@code text} matches the body case-insensitively as a substring.
 * {@code before} pages backwards: only records older than it (epoch nanos), null for the first page.
 */
public record LogSearch(String service, Integer minSeverity, String text, TraceId traceId, SpanId spanId,
                        TimeRange range, int limit, Long beforeNanos) {
}
