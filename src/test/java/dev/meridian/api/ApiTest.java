package dev.meridian.api;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
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
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The JSON API over real HTTP, against an H2 file in a temporary directory; "now" is T0 + 10 minutes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {

    static final TraceId TRACE = new TraceId(0xabc, 0xdef);
    /** Five spans and four logs: over the limits of this test (3). */
    static final TraceId BIG = new TraceId(0xb16, 0xb16);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("meridian-api-test");
        registry.add("meridian.data-dir", () -> dir.resolve("data").toString());
        registry.add("meridian.otlp.grpc-port", () -> "0");
        registry.add("meridian.otlp.http-port", () -> "0");
        registry.add("meridian.query.max-trace-spans", () -> "3");
        registry.add("meridian.query.max-log-body-chars", () -> "64");
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock testClock() {
            return Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TelemetryWriter writer;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void writeData() {
        writer.write(new TelemetryBatch(
                List.of(span("shop", "GET /items").trace(TRACE).id(1).startMs(1000).durationMs(120)
                                .attributes("http.route", "/items", "http.response.status_code", 200L).build(),
                        span("db", "SELECT items").trace(TRACE).id(2).parent(1).kind(SpanKind.SERVER).startMs(1010)
                                .durationMs(80).error("timeout").build()),
                List.of(log("shop", T0_NANOS + 1020 * MS, 17, "could not load items", TRACE, new SpanId(1))),
                List.of(gauge("shop", "queue.size", T0_NANOS + 30_000 * MS, 5, attrs("queue", "a")))));
        List<dev.meridian.telemetry.Span> big = new java.util.ArrayList<>();
        List<dev.meridian.telemetry.LogRecord> logs = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            big.add(span("shop", "work " + i).trace(BIG).id(i + 1).parent(i == 0 ? 0 : 1).startMs(300_000 + i).durationMs(1).build());
            logs.add(log("shop", T0_NANOS + (300_010 + i) * MS, 9, "step " + i, BIG, new SpanId(i + 1)));
        }
        logs.add(log("shop", T0_NANOS + 360_000 * MS, 9, "y".repeat(200), new TraceId(0, 0), SpanId.NONE));
        writer.write(new TelemetryBatch(big, logs, List.of()));
    }

    record Response(int status, JsonNode body) {
    }

    Response get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), json.readTree(response.body()));
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void services_listsRedFiguresOfTheDefaultWindow() throws Exception {
        Response response = get("/api/v1/services");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSize(2);
        JsonNode db = response.body().get(0);
        assertThat(db.get("name").asString()).isEqualTo("db");
        assertThat(db.get("requestCount").asLong()).isEqualTo(1);
        assertThat(db.get("errorRate").asDouble()).isEqualTo(1.0);
        assertThat(db.get("p99Ms").asDouble()).isBetween(79.0, 81.0);
        assertThat(db.get("spanCount").asLong()).isEqualTo(1);
    }

    @Test
    void operationsAndSeries_ofAService() throws Exception {
        Response ops = get("/api/v1/services/shop/operations?from=" + T0.toEpochMilli() + "&to=" + enc(T0.plusSeconds(600).toString()));
        assertThat(ops.body().get(0).get("name").asString()).isEqualTo("GET /items");
        Response series = get("/api/v1/services/shop/series?step=1m&from=" + T0.toEpochMilli());
        assertThat(series.status()).isEqualTo(200);
        assertThat(series.body().get("points")).hasSize(10);
        assertThat(series.body().get("points").get(0).get("okCount").asLong()).isEqualTo(1);
        assertThat(series.body().get("points").get(1).get("p50Ms").isNull()).isTrue();
    }

    @Test
    void traces_searchAndDetail() throws Exception {
        Response found = get("/api/v1/traces?service=shop&attr=" + enc("http.route=/items") + "&sort=time&limit=5");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).hasSize(1);
        JsonNode hit = found.body().get(0);
        assertThat(hit.get("traceId").asString()).isEqualTo(TRACE.toHex());
        assertThat(hit.get("rootService").asString()).isEqualTo("shop");
        assertThat(hit.get("durationMs").asDouble()).isEqualTo(120.0);
        assertThat(hit.get("spanCount").asInt()).isEqualTo(2);
        assertThat(hit.get("errorCount").asInt()).isEqualTo(1);

        Response trace = get("/api/v1/traces/" + TRACE.toHex().toUpperCase());
        assertThat(trace.status()).isEqualTo(200);
        JsonNode child = trace.body().get("spans").get(1);
        assertThat(child.get("parentSpanId").asString()).isEqualTo(new SpanId(1).toHex());
        assertThat(child.get("status").get("code").asString()).isEqualTo("ERROR");
        assertThat(child.get("resource").get("service.name").asString()).isEqualTo("db");
        assertThat(trace.body().get("spans").get(0).get("attributes").get("http.response.status_code").asLong()).isEqualTo(200);
        assertThat(trace.body().get("logs").get(0).get("body").asString()).isEqualTo("could not load items");
    }

    @Test
    void traces_errors() throws Exception {
        Response unknown = get("/api/v1/traces/" + new TraceId(1, 2).toHex());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asString()).contains("not found");
        Response malformed = get("/api/v1/traces/xyz");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("error").asString()).contains("32 hex");
        assertThat(get("/api/v1/traces?sort=fastest").body().get("error").asString()).contains("sort");
        assertThat(get("/api/v1/traces?limit=0").status()).isEqualTo(400);
        assertThat(get("/api/v1/traces?minDurationMs=abc").body().get("error").asString()).contains("minDurationMs");
        assertThat(get("/api/v1/traces?attr=novalue").status()).isEqualTo(400);
        assertThat(get("/api/v1/traces?from=yesterday").body().get("error").asString()).contains("from");
        assertThat(get("/api/v1/traces?from=2000&to=1000").status()).isEqualTo(400);
    }

    @Test
    void logs_filtersAndErrors() throws Exception {
        Response errors = get("/api/v1/logs?severity=error&q=LOAD&traceId=" + TRACE.toHex());
        assertThat(errors.status()).isEqualTo(200);
        assertThat(errors.body()).hasSize(1);
        JsonNode log = errors.body().get(0);
        assertThat(log.get("service").asString()).isEqualTo("shop");
        assertThat(log.get("spanId").asString()).isEqualTo(new SpanId(1).toHex());
        assertThat(log.get("severityNumber").asInt()).isEqualTo(17);
        assertThat(get("/api/v1/logs?severity=FATAL").body()).isEmpty();
        assertThat(get("/api/v1/logs?severity=loud").status()).isEqualTo(400);
        assertThat(get("/api/v1/logs?traceId=123").status()).isEqualTo(400);
    }

    @Test
    void metrics_listAndSeries() throws Exception {
        Response list = get("/api/v1/metrics?service=shop");
        assertThat(list.body().get(0).get("name").asString()).isEqualTo("queue.size");
        assertThat(list.body().get(0).get("type").asString()).isEqualTo("GAUGE");
        Response series = get("/api/v1/metrics/queue.size/series?service=shop&agg=max&groupBy=queue&step=5m&from=" + T0.toEpochMilli());
        assertThat(series.status()).isEqualTo(200);
        JsonNode first = series.body().get("series").get(0);
        assertThat(first.get("group").get("queue").asString()).isEqualTo("a");
        assertThat(first.get("points").get(0).get("value").asDouble()).isEqualTo(5.0);
        assertThat(get("/api/v1/metrics/queue.size/series?agg=p99").body().get("error").asString()).contains("P99");
        assertThat(get("/api/v1/metrics/queue.size/series?step=often").status()).isEqualTo(400);
    }

    @Test
    void traceDetail_overTheSpanLimit_isTruncatedWithTheCountsLeftOut() throws Exception {
        Response trace = get("/api/v1/traces/" + BIG.toHex());

        assertThat(trace.status()).isEqualTo(200);
        assertThat(trace.body().get("spans")).hasSize(3);
        assertThat(trace.body().get("spans").get(0).get("name").asString()).isEqualTo("work 0");
        assertThat(trace.body().get("truncated").asBoolean()).isTrue();
        assertThat(trace.body().get("omittedSpans").asLong()).isEqualTo(2);
        assertThat(trace.body().get("logs")).hasSize(3);
        assertThat(trace.body().get("omittedLogs").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/traces/" + TRACE.toHex()).body().get("truncated").asBoolean()).isFalse();
    }

    @Test
    void logs_longBodiesAreCutAndFlagged() throws Exception {
        Response found = get("/api/v1/logs?service=shop&q=yyyy");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).hasSize(1);
        assertThat(found.body().get(0).get("body").asString()).isEqualTo("y".repeat(64));
        assertThat(found.body().get(0).get("bodyTruncated").asBoolean()).isTrue();
        assertThat(get("/api/v1/logs?q=step+0").body().get(0).get("bodyTruncated").asBoolean()).isFalse();
    }

    @Test
    void unknownApiPaths_answer404WithAJsonError() throws Exception {
        for (String path : List.of("/api", "/api/v1/nothing-here", "/api/v2/traces", "/api/v1/traces/" + TRACE.toHex() + "/more",
                "/jaeger/api/nothing", "/jaeger")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(json.readTree(response.body()).get("error").asString()).as(path).contains(path);
        }
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/traces")).header("Content-Type", "application/json") // else refused as cross-site-able (415)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).as("a known path with another method").isEqualTo(405);
        assertThat(get("/api/v1/services").status()).isEqualTo(200);
    }

    @Test
    void absurdTimeWindows_answer400NamingTheParameter() throws Exception {
        Response centuries = get("/api/v1/services/shop/series?from=1800-01-01T00:00:00Z&to=2100-01-01T00:00:00Z");
        assertThat(centuries.status()).isEqualTo(400);
        assertThat(centuries.body().get("error").asString()).contains("'from'");
        Response farFuture = get("/api/v1/logs?to=" + enc("+1000000000-01-01T00:00:00Z"));
        assertThat(farFuture.status()).isEqualTo(400);
        assertThat(farFuture.body().get("error").asString()).contains("'to'");
        Response millis = get("/api/v1/traces?to=999999999999999");
        assertThat(millis.status()).isEqualTo(400);
        assertThat(millis.body().get("error").asString()).contains("'to'");
        Response negative = get("/api/v1/metrics/queue.size/series?from=-5");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("error").asString()).contains("'from'");
        Response reversed = get("/api/v1/services?from=" + enc("2026-11-25T10:00:00Z") + "&to=" + enc("2026-11-25T09:00:00Z"));
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body().get("error").asString()).contains("'from'").contains("'to'");
        Response unparsable = get("/api/v1/services/shop/operations?to=soon");
        assertThat(unparsable.status()).isEqualTo(400);
        assertThat(unparsable.body().get("error").asString()).contains("'to'");
    }

    @Test
    void theLongestValidWindow_isAnswered() throws Exception {
        Response series = get("/api/v1/services/shop/series?from=1970-01-01T00:00:00Z&to=2262-01-01T00:00:00Z");

        assertThat(series.status()).isEqualTo(200);
        assertThat(series.body().get("points").size()).isPositive().isLessThanOrEqualTo(10_000);
        assertThat(get("/api/v1/logs?from=0&q=step").status()).isEqualTo(200);
        assertThat(get("/api/v1/traces?from=0&limit=5").status()).isEqualTo(200);
    }
}
