package dev.meridian.api.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TraceId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Jaeger-compatible API over HTTP, as Grafana's Jaeger data source calls it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JaegerApiTest {

    static final TraceId FAILED = new TraceId(0x5107, 1);
    static final TraceId FINE = new TraceId(0x5107, 2);
    static final Instant NOW = Instant.now();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("meridian-jaeger-test");
        registry.add("meridian.data-dir", () -> dir.resolve("data").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    TelemetryWriter writer;
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    static Span span(TraceId trace, long id, long parent, String service, String name, SpanKind kind, long startMs, long ms,
                     boolean error, Map<String, Object> attributes) {
        long start = NOW.minusSeconds(60).toEpochMilli() * 1_000_000L + startMs * 1_000_000L;
        return new Span(new Resource(Attributes.of(Map.of("service.name", service)), 0),
                new InstrumentationScope("io.test", "1", Attributes.EMPTY, 0), trace, new SpanId(id),
                parent == 0 ? SpanId.NONE : new SpanId(parent), "", 1, name, kind, start, start + ms * 1_000_000L,
                Attributes.of(attributes), 0, List.of(), 0, List.of(), 0,
                new SpanStatus(error ? StatusCode.ERROR : StatusCode.UNSET, error ? "declined" : ""));
    }

    @BeforeAll
    void store() {
        writer.write(TelemetryBatch.ofSpans(List.of(
                span(FAILED, 1, 0, "jaeger-shop", "POST /pay", SpanKind.SERVER, 0, 900, true, Map.of("http.route", "/pay")),
                span(FAILED, 2, 1, "jaeger-bank", "charge", SpanKind.CLIENT, 5, 800, true, Map.of()),
                span(FINE, 3, 0, "jaeger-shop", "GET /cart", SpanKind.SERVER, 10, 20, false, Map.of("http.route", "/cart")))));
    }

    JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    @Test
    void servicesAndOperations_inJaegersEnvelope() throws Exception {
        JsonNode services = get("/jaeger/api/services", 200);
        assertThat(services.get("data").valueStream().map(JsonNode::asString).toList()).contains("jaeger-shop", "jaeger-bank");
        assertThat(services.get("total").asInt()).isEqualTo(services.get("data").size());

        assertThat(get("/jaeger/api/services/jaeger-shop/operations", 200).get("data").valueStream().map(JsonNode::asString))
                .containsExactly("GET /cart", "POST /pay");
        JsonNode withKind = get("/jaeger/api/operations?service=jaeger-shop&spanKind=server", 200).get("data");
        assertThat(withKind.get(0).get("name").asString()).isEqualTo("GET /cart");
        assertThat(withKind.get(0).get("spanKind").asString()).isEqualTo("server");
    }

    @Test
    void search_byServiceTagsAndDuration_returnsWholeTraces() throws Exception {
        long end = Instant.now().toEpochMilli() * 1000;
        long start = NOW.minusSeconds(600).toEpochMilli() * 1000;
        String tags = URLEncoder.encode("{\"error\":\"true\"}", StandardCharsets.UTF_8);
        JsonNode found = get("/jaeger/api/traces?service=jaeger-shop&tags=" + tags + "&minDuration=500ms&start=" + start
                + "&end=" + end + "&limit=20", 200);

        assertThat(found.get("data").size()).isEqualTo(1);
        JsonNode trace = found.get("data").get(0);
        assertThat(trace.get("traceID").asString()).isEqualTo(FAILED.toHex());
        assertThat(trace.get("spans").size()).as("the whole trace, both services").isEqualTo(2);
        assertThat(trace.get("processes").properties()).hasSize(2);

        JsonNode all = get("/jaeger/api/traces?service=jaeger-shop&start=" + start + "&end=" + end, 200);
        assertThat(all.get("data").size()).isEqualTo(2);
    }

    @Test
    void traceById_orA404InJaegersShape() throws Exception {
        JsonNode trace = get("/jaeger/api/traces/" + FAILED.toHex(), 200).get("data").get(0);
        JsonNode child = trace.get("spans").valueStream().filter(s -> s.get("operationName").asString().equals("charge"))
                .findFirst().orElseThrow();
        assertThat(child.get("references").get(0).get("refType").asString()).isEqualTo("CHILD_OF");
        assertThat(child.get("duration").asLong()).isEqualTo(800_000);

        JsonNode missing = get("/jaeger/api/traces/" + new TraceId(1, 1).toHex(), 404);
        assertThat(missing.get("errors").get(0).get("code").asInt()).isEqualTo(404);
        assertThat(get("/jaeger/api/traces/not-hex", 400).get("errors").get(0).get("msg").asString()).contains("trace id");
    }
}
