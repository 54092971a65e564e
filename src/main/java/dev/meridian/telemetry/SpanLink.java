package dev.meridian.telemetry;

public record SpanLink(TraceId traceId, SpanId spanId, String traceState, Attributes attributes,
                       int droppedAttributesCount, int flags) {
}
