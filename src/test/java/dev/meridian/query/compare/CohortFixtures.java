package dev.meridian.query.compare;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.TraceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Crafted spans and logs for the statistics' tests: times in milliseconds from 0. */
final class CohortFixtures {

    static final long MS = 1_000_000L;

    private CohortFixtures() {
    }

    static Span span(String service, String name, long id, long parent, long startMs, long endMs, Object... attributes) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            values.put((String) attributes[i], attributes[i + 1]);
        }
        return new Span(resource(service), InstrumentationScope.EMPTY, new TraceId(7, 7), new SpanId(id),
                new SpanId(parent), "", 0, name, parent == 0 ? SpanKind.SERVER : SpanKind.INTERNAL, startMs * MS,
                endMs * MS, Attributes.of(values), 0, List.of(), 0, List.of(), 0, SpanStatus.UNSET);
    }

    static Resource resource(String service) {
        return new Resource(Attributes.of(Map.of("service.name", service)), 0);
    }

    static LogRecord log(String service, String body) {
        return new LogRecord(resource(service), InstrumentationScope.EMPTY, 0, 0, 9, "INFO", body, Attributes.EMPTY, 0, 0,
                new TraceId(7, 7), new SpanId(1), "");
    }
}
