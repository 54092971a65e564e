package dev.meridian.api;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.util.List;
import java.util.Map;

/**
 * JSON shapes of spans and logs. Nanosecond timestamps are strings of digits (as in OTLP/JSON: they do
 * not fit a JavaScript number); ids are lower-case hex, null when absent.
 */
final class TelemetryJson {

    private TelemetryJson() {
    }

    record StatusJson(String code, String message) {
    }

    record ScopeJson(String name, String version, Map<String, Object> attributes) {
    }

    record EventJson(String timeUnixNano, String name, Map<String, Object> attributes) {
    }

    record LinkJson(String traceId, String spanId, String traceState, Map<String, Object> attributes) {
    }

    record SpanJson(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
                    String startTimeUnixNano, String endTimeUnixNano, double durationMs, StatusJson status,
                    Map<String, Object> attributes, Map<String, Object> resource, ScopeJson scope,
                    List<EventJson> events, List<LinkJson> links, String traceState, int flags) {
    }

    /** {@code bodyTruncated}: the body is only the first characters of the stored one (search results cut long bodies). */
    record LogJson(String time, String timeUnixNano, String observedTimeUnixNano, String severityText,
                   int severityNumber, Object body, boolean bodyTruncated, String service, String traceId,
                   String spanId, Map<String, Object> attributes, Map<String, Object> resource, String eventName) {
    }

    static SpanJson span(Span s) {
        return new SpanJson(s.traceId().toHex(), s.spanId().toHex(), spanId(s.parentSpanId()), s.serviceName(), s.name(),
                s.kind().name(), Long.toString(s.startNanos()), Long.toString(s.endNanos()), s.durationNanos() / 1e6,
                new StatusJson(s.status().code().name(), s.status().message()), map(s.attributes()),
                map(s.resource().attributes()),
                new ScopeJson(s.scope().name(), s.scope().version(), map(s.scope().attributes())),
                s.events().stream().map(TelemetryJson::event).toList(),
                s.links().stream().map(TelemetryJson::link).toList(), s.traceState(), s.flags());
    }

    static LogJson log(LogRecord l) {
        return log(l, false);
    }

    static LogJson log(LogRecord l, boolean bodyTruncated) {
        return new LogJson(TimeRange.toInstant(l.effectiveTimeNanos()).toString(), Long.toString(l.timeNanos()),
                Long.toString(l.observedTimeNanos()), l.severityText(), l.severityNumber(), l.body(), bodyTruncated,
                l.serviceName(),
                traceId(l.traceId()), spanId(l.spanId()), map(l.attributes()), map(l.resource().attributes()),
                l.eventName() == null || l.eventName().isEmpty() ? null : l.eventName());
    }

    private static EventJson event(SpanEvent e) {
        return new EventJson(Long.toString(e.timeNanos()), e.name(), map(e.attributes()));
    }

    private static LinkJson link(SpanLink l) {
        return new LinkJson(l.traceId().toHex(), l.spanId().toHex(), l.traceState(), map(l.attributes()));
    }

    static String traceId(TraceId id) {
        return id.isValid() ? id.toHex() : null;
    }

    static String spanId(SpanId id) {
        return id.isValid() ? id.toHex() : null;
    }

    private static Map<String, Object> map(Attributes attributes) {
        return attributes.values();
    }
}
