package dev.meridian.api.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TraceId;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Spans in Jaeger's JSON model, compared with a fixture written from that model (fixtures/jaeger). */
class JaegerModelTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long T = Instant.parse("2025-11-25T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    static final TraceId TRACE = new TraceId(7, 8);
    static final InstrumentationScope SCOPE = new InstrumentationScope("io.test", "1.0", Attributes.EMPTY, 0);

    static Resource service(String name) {
        return new Resource(Attributes.of(Map.of("service.name", name)), 0);
    }

    static Attributes ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Attributes.of(map);
    }

    static List<Span> checkout() {
        Span root = new Span(service("checkout"), SCOPE, TRACE, new SpanId(1), SpanId.NONE, "", 1, "POST /checkout",
                SpanKind.SERVER, T, T + 250_000_000L, ordered("http.route", "/checkout", "http.response.status_code", 500L), 0,
                List.of(), 0, List.of(), 0, new SpanStatus(StatusCode.ERROR, "card declined"));
        Span charge = new Span(service("payments"), SCOPE, TRACE, new SpanId(2), new SpanId(1), "", 1, "POST /charge",
                SpanKind.CLIENT, T + 10_000_000L, T + 210_000_000L, ordered("retry", false, "amount", 12.5), 0,
                List.of(new SpanEvent(T + 15_000_000L, "exception", ordered("exception.type", "CardDeclined"), 0)), 0,
                List.of(new SpanLink(new TraceId(9, 9), new SpanId(3), "", Attributes.EMPTY, 0, 0)), 0,
                new SpanStatus(StatusCode.UNSET, ""));
        return List.of(root, charge);
    }

    @Test
    void trace_isJaegersJsonModel() throws Exception {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/jaeger/checkout-trace.json")) {
            expected = JSON.readTree(in);
        }
        ((ObjectNode) expected).remove("_caption");

        // written and read back, as a client sees it (number node types then match the fixture's)
        JsonNode actual = JSON.readTree(JSON.writeValueAsString(JaegerModel.trace(checkout())));

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void tags_keepTheirTypes_andArraysAndMapsBecomeJsonText() {
        List<JaegerModel.KeyValue> tags = JaegerModel.tags(ordered("s", "x", "n", 3L, "d", 1.5, "b", true,
                "bytes", new byte[] {1, 2}, "list", List.of("a", 1L)));

        assertThat(tags).containsExactly(new JaegerModel.KeyValue("s", "string", "x"), new JaegerModel.KeyValue("n", "int64", 3L),
                new JaegerModel.KeyValue("d", "float64", 1.5), new JaegerModel.KeyValue("b", "bool", true),
                new JaegerModel.KeyValue("bytes", "binary", "AQI="), new JaegerModel.KeyValue("list", "string", "[\"a\",1]"));
    }

    @Test
    void processes_oneForEachResource_withTheResourceAttributesButTheServiceName() {
        Resource resource = new Resource(ordered("service.name", "checkout", "host.name", "web-1"), 0);

        JaegerModel.Process process = JaegerModel.process(resource);

        assertThat(process.serviceName()).isEqualTo("checkout");
        assertThat(process.tags()).containsExactly(new JaegerModel.KeyValue("host.name", "string", "web-1"));
    }
}
