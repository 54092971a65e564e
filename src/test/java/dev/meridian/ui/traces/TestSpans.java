package dev.meridian.ui.traces;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TraceId;
import java.util.List;
import java.util.Map;

/** Compact span and log fixtures: ids are small numbers, times are milliseconds from an epoch base. */
final class TestSpans {

    static final TraceId TRACE = TraceId.fromHex("0af7651916cd43dd8448eb211c80319c");
    static final long BASE = 1_700_000_000_000_000_000L;

    private TestSpans() {
    }

    static long ms(double millis) {
        return BASE + (long) (millis * 1_000_000);
    }

    static Span span(int id, int parent, String service, String name, double startMs, double endMs) {
        return span(id, parent, service, name, startMs, endMs, SpanStatus.UNSET, List.of());
    }

    static Span span(int id, int parent, String service, String name, double startMs, double endMs,
                     SpanStatus status, List<SpanEvent> events) {
        Resource resource = new Resource(Attributes.of(Map.of("service.name", service)), 0);
        return new Span(resource, InstrumentationScope.EMPTY, TRACE, new SpanId(id), new SpanId(parent), "", 0, name,
                SpanKind.SERVER, ms(startMs), ms(endMs), Attributes.EMPTY, 0, events, 0, List.of(), 0, status);
    }

    static Span error(int id, int parent, String service, double startMs, double endMs) {
        return span(id, parent, service, "failing", startMs, endMs, new SpanStatus(StatusCode.ERROR, "boom"), List.of());
    }

    static Span withException(int id, int parent, String service, double startMs, double endMs) {
        SpanEvent exception = new SpanEvent(ms(startMs), "exception",
                Attributes.of(Map.of("exception.type", "java.io.IOException", "exception.message", "reset")), 0);
        return span(id, parent, service, "throwing", startMs, endMs, SpanStatus.UNSET, List.of(exception));
    }

    static LogRecord log(double timeMs, int spanId, String body) {
        return new LogRecord(Resource.EMPTY, InstrumentationScope.EMPTY, ms(timeMs), 0, 9, "INFO", body,
                Attributes.EMPTY, 0, 0, spanId == 0 ? TraceId.INVALID : TRACE, new SpanId(spanId), "");
    }
}
