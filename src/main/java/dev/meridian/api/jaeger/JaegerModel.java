package dev.meridian.api.jaeger;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.StatusCode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenTelemetry spans in Jaeger's JSON model (what Jaeger's query service answers): ids in hex, times in
 * microseconds, the parent as a {@code CHILD_OF} reference and links as {@code FOLLOWS_FROM}, attributes as typed
 * tags ({@code string}, {@code bool}, {@code int64}, {@code float64}, {@code binary}; arrays and maps as JSON text),
 * the kind and status as the tags Jaeger's OTLP receiver writes ({@code span.kind}, {@code otel.status_code},
 * {@code error}), events as logs, and one process per distinct resource. Pure, unit tested.
 */
final class JaegerModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JaegerModel() {
    }

    record Trace(String traceID, List<JSpan> spans, Map<String, Process> processes, List<String> warnings) {
    }

    record JSpan(String traceID, String spanID, int flags, String operationName, List<Reference> references,
                 long startTime, long duration, List<KeyValue> tags, List<Log> logs, String processID, List<String> warnings) {
    }

    record Reference(String refType, String traceID, String spanID) {
    }

    record KeyValue(String key, String type, Object value) {
    }

    record Log(long timestamp, List<KeyValue> fields) {
    }

    record Process(String serviceName, List<KeyValue> tags) {
    }

    static Trace trace(List<Span> spans) {
        Map<Resource, String> processIds = new LinkedHashMap<>();
        Map<String, Process> processes = new LinkedHashMap<>();
        List<JSpan> out = new ArrayList<>(spans.size());
        for (Span span : spans) {
            String processId = processIds.computeIfAbsent(span.resource(), resource -> {
                String id = "p" + (processIds.size() + 1);
                processes.put(id, process(resource));
                return id;
            });
            out.add(span(span, processId));
        }
        return new Trace(spans.isEmpty() ? "" : spans.getFirst().traceId().toHex(), out, processes, null);
    }

    static JSpan span(Span span, String processId) {
        List<Reference> references = new ArrayList<>();
        String traceId = span.traceId().toHex();
        if (span.parentSpanId().isValid()) {
            references.add(new Reference("CHILD_OF", traceId, hex(span.parentSpanId().value())));
        }
        for (SpanLink link : span.links()) {
            references.add(new Reference("FOLLOWS_FROM", link.traceId().toHex(), hex(link.spanId().value())));
        }
        List<KeyValue> tags = tags(span.attributes());
        if (span.kind() != SpanKind.UNSPECIFIED) {
            tags.add(new KeyValue("span.kind", "string", span.kind().name().toLowerCase(Locale.ROOT)));
        }
        if (span.status().code() != StatusCode.UNSET) {
            tags.add(new KeyValue("otel.status_code", "string", span.status().code().name()));
        }
        if (span.status().code() == StatusCode.ERROR) {
            tags.add(new KeyValue("error", "bool", true));
            if (span.status().message() != null && !span.status().message().isEmpty()) {
                tags.add(new KeyValue("otel.status_description", "string", span.status().message()));
            }
        }
        if (span.scope().name() != null && !span.scope().name().isEmpty()) {
            tags.add(new KeyValue("otel.scope.name", "string", span.scope().name()));
        }
        List<Log> logs = new ArrayList<>();
        for (SpanEvent event : span.events()) {
            List<KeyValue> fields = new ArrayList<>();
            fields.add(new KeyValue("event", "string", event.name()));
            fields.addAll(tags(event.attributes()));
            logs.add(new Log(event.timeNanos() / 1_000, fields));
        }
        return new JSpan(traceId, hex(span.spanId().value()), span.flags(), span.name(), references,
                span.startNanos() / 1_000, span.durationNanos() / 1_000, tags, logs, processId, null);
    }

    static Process process(Resource resource) {
        Map<String, Object> rest = new LinkedHashMap<>(resource.attributes().values());
        rest.remove("service.name");
        return new Process(resource.serviceName(), tags(Attributes.of(rest)));
    }

    static List<KeyValue> tags(Attributes attributes) {
        List<KeyValue> tags = new ArrayList<>(attributes.size());
        attributes.values().forEach((key, value) -> tags.add(switch (value) {
            case null -> new KeyValue(key, "string", "");
            case String s -> new KeyValue(key, "string", s);
            case Boolean b -> new KeyValue(key, "bool", b);
            case Long l -> new KeyValue(key, "int64", l);
            case Integer i -> new KeyValue(key, "int64", i.longValue());
            case Double d -> new KeyValue(key, "float64", d);
            case byte[] bytes -> new KeyValue(key, "binary", Base64.getEncoder().encodeToString(bytes));
            default -> new KeyValue(key, "string", JSON.writeValueAsString(value));
        }));
        return tags;
    }

    private static String hex(long id) {
        return String.format("%016x", id);
    }
}
