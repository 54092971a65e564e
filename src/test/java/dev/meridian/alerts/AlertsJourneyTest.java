package dev.meridian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.meridian.ingest.otlp.OtlpEndpoints;
import dev.meridian.testing.ShopScenario.ServiceSdk;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error burst sent with the real OpenTelemetry SDK makes an error-rate rule fire; a real HTTP server receives the
 * webhook with the failed traces' ids and their error logs (after one failed delivery, which is retried), the alert
 * API shows the evidence, and the state resolves once the window holds no failures. States live in the database,
 * so an evaluator built anew (a restart) carries on from them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "meridian.alerts.evaluation-interval=1h", "meridian.alerts.retry-backoff=50ms"})
class AlertsJourneyTest {

    static final Path DATA_DIR = tempDir();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static HttpServer webhook;
    static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger calls = new AtomicInteger();

    @Autowired
    OtlpEndpoints endpoints;
    @Autowired
    AlertEvaluator evaluator;
    @Autowired
    AlertRuleStore rules;
    @Autowired
    AlertStateStore states;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    dev.meridian.query.ServiceQueries services;
    @Autowired
    dev.meridian.query.MetricQueries metrics;
    @Autowired
    dev.meridian.query.TraceQueries traces;
    @Autowired
    dev.meridian.query.LogQueries logs;
    @Autowired
    AlertNotifier notifier;
    @Autowired
    AlertLinks links;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("meridian.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    static void startWebhookReceiver() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        webhook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // the first delivery fails: the notifier must retry
            int status = calls.incrementAndGet() == 1 ? 503 : 204;
            if (status == 204) {
                received.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stopWebhookReceiver() {
        webhook.stop(0);
    }

    @Test
    void errorBurst_firesTheRule_webhookBringsTheFailedTracesAndTheirLogs_thenResolves() throws Exception {
        Instant burst = Instant.now().minus(Duration.ofMinutes(2));
        Set<String> failedTraceIds = sendTraffic(burst, 20, 8);
        awaitTraces(28);

        String created = post("/api/v1/alerts/rules", """
                {"name": "checkout errors", "query": {"type": "red", "service": "alerting-checkout", "figure": "error_rate"},
                 "condition": {"type": "threshold", "op": "above", "value": 0.05}, "window": "5m", "for": "0m",
                 "notify": [{"type": "webhook", "url": "http://127.0.0.1:%d/hook"}]}""".formatted(webhook.getAddress().getPort()), 201);
        String ruleId = JSON.readTree(created).get("id").asString();

        assertThat(JSON.readTree(post("/api/v1/alerts/evaluate", "", 200)).get("changes").asInt()).isEqualTo(1);

        JsonNode alert = JSON.readTree(get("/api/v1/alerts")).get(0);
        assertThat(alert.get("ruleId").asString()).isEqualTo(ruleId);
        assertThat(alert.get("state").asString()).isEqualTo("FIRING");
        assertThat(alert.get("value").asDouble()).isCloseTo(8.0 / 28, org.assertj.core.data.Offset.offset(1e-9));
        awaitWebhooks(1);
        JsonNode notice = received.getFirst();
        assertThat(notice.get("state").asString()).isEqualTo("firing");
        assertThat(notice.get("rule").get("id").asString()).isEqualTo(ruleId);
        assertThat(notice.get("rule").get("name").asString()).isEqualTo("checkout errors");
        assertThat(notice.get("window").get("from").asString()).isNotBlank();
        assertThat(notice.get("url").asString()).endsWith("/alerts/" + ruleId);
        assertThat(notice.get("text").asString()).startsWith("FIRING: checkout errors");
        List<String> evidenceTraces = notice.get("evidence").get("traces").valueStream().map(t -> t.get("traceId").asString()).toList();
        assertThat(evidenceTraces).isNotEmpty().allMatch(failedTraceIds::contains);
        assertThat(notice.get("evidence").get("traces").get(0).get("url").asString()).contains("/traces/");
        assertThat(notice.get("evidence").get("logs").valueStream())
                .isNotEmpty()
                .allSatisfy(log -> {
                    assertThat(log.get("body").asString()).startsWith("charge failed for order");
                    assertThat(failedTraceIds).contains(log.get("traceId").asString());
                });

        // a restart: a new evaluator over the same database goes on from "firing" and resolves
        AlertRule rule = rules.find(ruleId).orElseThrow();
        AlertEvaluator restarted = new AlertEvaluator(rules, new AlertStateStore(dataSource), new RuleValues(services, metrics),
                new EvidenceCollector(traces, logs, links), notifier, links, java.time.Clock.systemUTC(), Duration.ofHours(1));
        assertThat(restarted.evaluate(rule, Instant.now().plus(Duration.ofMinutes(10)))).isEqualTo(1);
        assertThat(JSON.readTree(get("/api/v1/alerts")).get(0).get("state").asString()).isEqualTo("RESOLVED");
        awaitWebhooks(2);
        assertThat(received.get(1).get("state").asString()).isEqualTo("resolved");

        JsonNode history = JSON.readTree(get("/api/v1/alerts/history?ruleId=" + ruleId + "&from="
                + Instant.now().minus(Duration.ofHours(1)).toEpochMilli() + "&to=" + Instant.now().plus(Duration.ofHours(1)).toEpochMilli()));
        assertThat(history.valueStream().map(e -> e.get("state").asString()).toList()).containsExactly("resolved", "firing");
        JsonNode deliveries = history.get(1).get("deliveries");
        assertThat(deliveries.get(0).get("delivered").asBoolean()).isTrue();
        assertThat(deliveries.get(0).get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void anomalyRule_withoutEnoughHistory_doesNotFire() throws Exception {
        sendTraffic(Instant.now().minus(Duration.ofMinutes(3)), 5, 0);
        String created = post("/api/v1/alerts/rules", """
                {"name": "traffic anomaly", "query": {"type": "red", "service": "alerting-checkout", "figure": "throughput"},
                 "condition": {"type": "anomaly", "sensitivity": "high"}, "window": "5m"}""", 201);
        AlertRule rule = rules.find(JSON.readTree(created).get("id").asString()).orElseThrow();

        evaluator.evaluate(rule, Instant.now());

        assertThat(states.states(rule.id()).get("").state()).isEqualTo(AlertState.OK);
    }

    @Test
    void invalidRule_isRefusedWithEveryProblem() throws Exception {
        JsonNode error = JSON.readTree(post("/api/v1/alerts/rules", """
                {"query": {"type": "red", "service": "x", "figure": "p95"}, "condition": {"type": "sometimes"}}""", 400));
        assertThat(error.get("problems").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("name is required", "condition.type must be threshold, anomaly or nodata");
    }

    /** {@code ok} good requests and {@code failed} failing ones (with an error log each) of one service at {@code at}. */
    private Set<String> sendTraffic(Instant at, int ok, int failed) {
        Set<String> failedIds = new HashSet<>();
        try (ServiceSdk sdk = ServiceSdk.grpc("alerting-checkout", "http://127.0.0.1:" + endpoints.grpcPort())) {
            long t0 = at.toEpochMilli() * 1_000_000L;
            for (int i = 0; i < ok + failed; i++) {
                long start = t0 + i * 1_000_000_000L;
                Span span = sdk.tracer().spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER).setNoParent()
                        .setStartTimestamp(start, TimeUnit.NANOSECONDS).startSpan();
                if (i >= ok) {
                    span.setStatus(StatusCode.ERROR, "payment declined");
                    sdk.log(Context.root().with(span), start + 5_000_000L, Severity.ERROR, "charge failed for order " + i);
                    failedIds.add(span.getSpanContext().getTraceId());
                }
                span.end(start + (20 + i) * 1_000_000L, TimeUnit.NANOSECONDS);
            }
        }
        return failedIds;
    }

    private void awaitTraces(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode traces = JSON.readTree(get("/api/v1/traces?service=alerting-checkout&limit=100&from="
                    + Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli()));
            if (traces.size() >= count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the traffic was not stored within 20 s");
    }

    private static void awaitWebhooks(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private String post(String path, String body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("meridian-alerts-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
