package dev.meridian.telemetry;

/**
 * One log record. {@code body} is an attribute-style value (see {@link Attributes}); trace and span
 * ids are {@link TraceId#INVALID} / {@link SpanId#NONE} when the record is not correlated.
 */
public record LogRecord(
        Resource resource,
        InstrumentationScope scope,
        long timeNanos,
        long observedTimeNanos,
        int severityNumber,
        String severityText,
        Object body,
        Attributes attributes,
        int droppedAttributesCount,
        int flags,
        TraceId traceId,
        SpanId spanId,
        String eventName) {

    public String serviceName() {
        return resource.serviceName();
    }

    /** The time to sort and filter by: the event time, or the observed time when the event time is unknown. */
    public long effectiveTimeNanos() {
        return timeNanos != 0 ? timeNanos : observedTimeNanos;
    }
}
