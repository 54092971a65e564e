package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testing.SlowReplicaScenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/compare} on a workload sent with the OpenTelemetry SDK over gRPC ({@link SlowReplicaScenario}):
 * the slow requests are slow because a downstream service's query on one database replica is slow. The comparison
 * must name that replica, that query and its log message first, through the noise of the scenario.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareApiTest {

    private static final int GRPC_PORT = freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("meridian-compare-test");
        registry.add("meridian.data-dir", () -> dir.resolve("data").toString());
        registry.add("meridian.otlp.grpc-port", () -> GRPC_PORT);
        registry.add("meridian.otlp.http-port", () -> "0");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private SlowReplicaScenario.Sent sent;
    private String window;

    @BeforeAll
    void send() {
        Instant now = Instant.now();
        sent = new SlowReplicaScenario("http://localhost:" + GRPC_PORT).send(now);
        window = "&from=" + now.minusSeconds(3600).toEpochMilli() + "&to=" + now.plusSeconds(60).toEpochMilli();
        assertThat(sent.slowTraceIds()).hasSizeGreaterThan(5);
    }

    @Test
    void slowRequests_rankTheSlowReplicaItsQueryAndItsLogFirst() throws Exception {
        JsonNode answer = get("/api/v1/compare?service=storefront&operation=" + encode("GET /cart") + "&minDurationMs=500" + window);

        assertThat(answer.get("selectedCount").asLong()).isEqualTo(sent.slowTraceIds().size());
        assertThat(answer.get("baselineCount").asLong()).isEqualTo(sent.traces() - sent.slowTraceIds().size());
        assertThat(answer.get("sampled").asBoolean()).isFalse();
        assertThat(answer.get("partial").asBoolean()).isFalse();
        assertThat(answer.get("selection").asString()).isEqualTo("duration ≥ 500 ms");

        JsonNode attribute = answer.get("attributes").get(0);
        assertThat(attribute.get("key").asString()).isEqualTo("db.instance");
        assertThat(attribute.get("value").asString()).isEqualTo(SlowReplicaScenario.SLOW_REPLICA);
        assertThat(attribute.get("selectedShare").asDouble()).isEqualTo(1.0);
        assertThat(attribute.get("baselineShare").asDouble()).isBetween(0.2, 0.4); // replica-3 was fast outside the incident
        assertThat(attribute.get("service").asString()).isEqualTo(SlowReplicaScenario.DB_SERVICE);
        assertThat(attribute.get("tracesUrl").asString()).startsWith("/traces?service=cart-service&attr=db.instance%3Dreplica-3");
        for (JsonNode a : answer.get("attributes")) {
            assertThat(a.get("key").asString()).isNotIn("user.id", "service.name", "http.route");
        }

        JsonNode operation = answer.get("operations").get(0);
        assertThat(operation.get("service").asString()).isEqualTo(SlowReplicaScenario.DB_SERVICE);
        assertThat(operation.get("name").asString()).isEqualTo(SlowReplicaScenario.DB_OPERATION);
        assertThat(operation.get("selectedSelfMs").asDouble()).isGreaterThanOrEqualTo(SlowReplicaScenario.SLOW_MIN_MILLIS);
        assertThat(operation.get("baselineSelfMs").asDouble()).isLessThan(30);

        JsonNode log = answer.get("logs").get(0);
        assertThat(log.get("pattern").asString()).isEqualTo("slow query on replica<num> took <num> ms (rows=<num>)");
        assertThat(log.get("selectedCount").asLong()).isEqualTo(sent.slowTraceIds().size());
        assertThat(log.get("baselineCount").asLong()).isZero();
        assertThat(answer.get("logs")).noneMatch(l -> l.get("pattern").asString().startsWith("cart loaded"));
    }

    @Test
    void withoutASelection_theSlowestFivePercentAreCompared_andTheAnswerSaysSo() throws Exception {
        JsonNode answer = get("/api/v1/compare?service=storefront" + window);

        assertThat(answer.get("selection").asString()).startsWith("slowest 5 %: duration ≥ ");
        assertThat(answer.get("minDurationMs").asDouble()).isGreaterThan(SlowReplicaScenario.SLOW_MIN_MILLIS);
        assertThat(answer.get("selectedCount").asLong()).isBetween(1L, (long) sent.slowTraceIds().size());
        assertThat(answer.get("attributes").get(0).get("value").asString()).isEqualTo(SlowReplicaScenario.SLOW_REPLICA);
    }

    @Test
    void aSlowTrace_againstTypical_showsItsQueryPathFarAboveTheMedian() throws Exception {
        JsonNode answer = get("/api/v1/compare/traces/" + sent.slowTraceIds().getFirst() + "?typical=20");

        assertThat(answer.get("rootService").asString()).isEqualTo("storefront");
        assertThat(answer.get("typicalCount").asInt()).isEqualTo(20);
        JsonNode query = null;
        for (JsonNode path : answer.get("paths")) {
            if (path.get("name").asString().equals(SlowReplicaScenario.DB_OPERATION)) {
                query = path;
            }
        }
        assertThat(query).isNotNull();
        assertThat(query.get("path").size()).isEqualTo(4);
        assertThat(query.get("status").asString()).isEqualTo("common");
        assertThat(query.get("thisMs").asDouble()).isGreaterThanOrEqualTo(SlowReplicaScenario.SLOW_MIN_MILLIS);
        assertThat(query.get("typicalMs").asDouble()).isLessThan(SlowReplicaScenario.SLOW_MIN_MILLIS);
    }

    @Test
    void badParameters_areRefusedWithTheirName() throws Exception {
        HttpResponse<String> noService = http.send(HttpRequest.newBuilder(uri("/api/v1/compare")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noService.statusCode()).isEqualTo(400);
        assertThat(noService.body()).contains("service");
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(uri("/api/v1/compare?service=x&status=ok")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("status");
        HttpResponse<String> typical = http.send(HttpRequest.newBuilder(
                uri("/api/v1/compare/traces/" + sent.slowTraceIds().getFirst() + "?typical=500")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(typical.statusCode()).isEqualTo(400);
        assertThat(typical.body()).contains("parameter 'typical' must be between 1 and 200").doesNotContain("'limit'");
    }

    @Test
    void anUnknownService_comparesNothing() throws Exception {
        JsonNode answer = get("/api/v1/compare?service=nobody" + window);
        assertThat(answer.get("selectedCount").asLong()).isZero();
        assertThat(answer.get("attributes")).isEmpty();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
