package dev.meridian.telemetry;

import java.util.List;

/** One span with everything OTLP carries for it, including its resource and scope. */
public record Span(
        Resource resource,
        InstrumentationScope scope,
        TraceId traceId,
        SpanId spanId,
        SpanId parentSpanId,
        String traceState,
        int flags,
        String name,
        SpanKind kind,
        long startNanos,
        long endNanos,
        Attributes attributes,
        int droppedAttributesCount,
        List<SpanEvent> events,
        int droppedEventsCount,
        List<SpanLink> links,
        int droppedLinksCount,
        SpanStatus status) {

    public String serviceName() {
        return resource.serviceName();
    }

    public long durationNanos() {
        return Math.max(0, endNanos - startNanos);
    }

    public boolean isRoot() {
        return !parentSpanId.isValid();
    }
}
