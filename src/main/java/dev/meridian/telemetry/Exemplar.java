package dev.meridian.telemetry;

/** A sample measurement that links a metric point to the trace it came from. */
public record Exemplar(long timeNanos, double value, Attributes filteredAttributes, TraceId traceId, SpanId spanId) {
}
