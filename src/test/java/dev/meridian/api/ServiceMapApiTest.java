package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.ingest.otlp.OtlpEndpoints;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The service map end to end: three services (frontend -> cart -> db) each with its own OpenTelemetry SDK, batch
 * span processor and exporter (gRPC for frontend, HTTP for the others), in small batches, flushed callee first
 * as real processes export (a span is exported when it ends), so the two sides of every call arrive in different
 * requests. The edge counts of {@code /api/v1/service-map} must equal the calls made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceMapApiTest {

    static final int REQUESTS = 30;
    /** Every third request's cart -> db call fails on the db side. */
    static final int FAILED_DB_CALLS = REQUESTS / 3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("meridian-map-test");
        registry.add("meridian.data-dir", () -> dir.resolve("data").toString());
        registry.add("meridian.otlp.grpc-port", () -> "0");
        registry.add("meridian.otlp.http-port", () -> "0");
    }

    @LocalServerPort
    int port;
    @Autowired
    OtlpEndpoints endpoints;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    /** Every checkout request's trace: each goes frontend -> cart -> db. */
    final Set<String> checkoutTraces = new HashSet<>();
    final Set<String> frontendOnlyTraces = new HashSet<>();

    private static SdkTracerProvider provider(String service, SpanExporter exporter) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), service))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxExportBatchSize(7)
                        .setScheduleDelay(Duration.ofMinutes(10)).build())
                .build();
    }

    @BeforeAll
    void sendTraces() throws Exception {
        String http = "http://127.0.0.1:" + endpoints.httpPort() + "/v1/traces";
        SdkTracerProvider frontend = provider("frontend",
                OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + endpoints.grpcPort()).build());
        SdkTracerProvider cart = provider("cart", OtlpHttpSpanExporter.builder().setEndpoint(http).build());
        SdkTracerProvider db = provider("db", OtlpHttpSpanExporter.builder().setEndpoint(http).build());
        Tracer frontendTracer = frontend.get("shop");
        Tracer cartTracer = cart.get("shop");
        Tracer dbTracer = db.get("shop");
        Instant t = Instant.now().minusSeconds(120);
        for (int i = 0; i < REQUESTS; i++) {
            Instant start = t.plusMillis(i * 1000L);
            Span root = frontendTracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(start).startSpan();
            Span toCart = frontendTracer.spanBuilder("POST cart").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(root)).setStartTimestamp(start.plusMillis(1)).startSpan();
            // the cart's SERVER span is parented by the frontend's CLIENT span, as context propagation makes it
            Span cartServer = cartTracer.spanBuilder("POST /cart").setSpanKind(SpanKind.SERVER)
                    .setParent(Context.root().with(toCart)).setStartTimestamp(start.plusMillis(2)).startSpan();
            Span toDb = cartTracer.spanBuilder("SELECT cart").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(cartServer)).setStartTimestamp(start.plusMillis(3)).startSpan();
            Span dbServer = dbTracer.spanBuilder("query").setSpanKind(SpanKind.SERVER)
                    .setParent(Context.root().with(toDb)).setStartTimestamp(start.plusMillis(4)).startSpan();
            if (i % 3 == 0) {
                dbServer.setStatus(StatusCode.ERROR, "deadlock");
            }
            // a call inside the cart service (CLIENT -> SERVER of one service): not an edge
            Span internalCall = cartTracer.spanBuilder("GET /cart/internal").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(cartServer)).setStartTimestamp(start.plusMillis(5)).startSpan();
            Span internalServer = cartTracer.spanBuilder("/cart/internal").setSpanKind(SpanKind.SERVER)
                    .setParent(Context.root().with(internalCall)).setStartTimestamp(start.plusMillis(6)).startSpan();
            internalServer.end(start.plusMillis(7));
            internalCall.end(start.plusMillis(8));
            dbServer.end(start.plusMillis(14));
            toDb.end(start.plusMillis(15)); // the client sees 12 ms
            cartServer.end(start.plusMillis(20));
            toCart.end(start.plusMillis(101)); // the client sees 100 ms
            root.end(start.plusMillis(110));
            checkoutTraces.add(root.getSpanContext().getTraceId());
        }
        // requests that call nothing
        for (int i = 0; i < 5; i++) {
            Span root = frontendTracer.spanBuilder("GET /health").setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(t.plusMillis(i * 1000L + 500)).startSpan();
            root.end(t.plusMillis(i * 1000L + 501));
            frontendOnlyTraces.add(root.getSpanContext().getTraceId());
        }
        // callees first, as their spans end first
        for (SdkTracerProvider provider : List.of(db, cart, frontend)) {
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        for (SdkTracerProvider provider : List.of(db, cart, frontend)) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        awaitApplied();
    }

    private void awaitApplied() throws Exception {
        for (int i = 0; i < 200 && get("/api/v1/ingest/stats").path("unappliedItems").asLong() > 0; i++) {
            Thread.sleep(50);
        }
        // not silently on: counts compared before the writer applied everything would fail for the wrong reason
        assertThat(get("/api/v1/ingest/stats").path("unappliedItems").asLong()).as("items still unapplied after 10 s")
                .isZero();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static JsonNode edge(JsonNode map, String source, String target) {
        for (JsonNode edge : map.path("edges")) {
            if (edge.path("source").asString().equals(source) && edge.path("target").asString().equals(target)) {
                return edge;
            }
        }
        return null;
    }

    @Test
    void serviceMap_edgeCountsEqualTheCallsSent() throws Exception {
        JsonNode map = get("/api/v1/service-map");

        assertThat(map.path("edges")).hasSize(2);
        JsonNode frontendToCart = edge(map, "frontend", "cart");
        JsonNode cartToDb = edge(map, "cart", "db");
        assertThat(frontendToCart.path("requestCount").asLong()).isEqualTo(REQUESTS);
        assertThat(frontendToCart.path("errorCount").asLong()).isZero();
        assertThat(frontendToCart.path("p95Ms").asDouble()).isBetween(99.0, 101.0); // the client side's 100 ms
        assertThat(cartToDb.path("requestCount").asLong()).isEqualTo(REQUESTS);
        assertThat(cartToDb.path("errorCount").asLong()).isEqualTo(FAILED_DB_CALLS);
        assertThat(cartToDb.path("p95Ms").asDouble()).isBetween(11.8, 12.2);
        assertThat(edge(map, "cart", "cart")).isNull();
    }

    @Test
    void serviceMap_nodesAreTheServicesRedFigures() throws Exception {
        JsonNode map = get("/api/v1/service-map");

        List<String> names = new ArrayList<>();
        map.path("nodes").forEach(node -> names.add(node.path("name").asString()));
        assertThat(names).containsExactly("cart", "db", "frontend");
        JsonNode db = map.path("nodes").get(1);
        assertThat(db.path("requestCount").asLong()).isEqualTo(REQUESTS);
        assertThat(db.path("errorCount").asLong()).isEqualTo(FAILED_DB_CALLS);
        assertThat(db.path("p95Ms").asDouble()).isBetween(9.9, 10.1);
        assertThat(map.path("nodes").get(2).path("requestCount").asLong()).isEqualTo(REQUESTS + 5);
    }

    @Test
    void serviceMap_windowWithoutCalls_isEmpty_andBadWindowIs400() throws Exception {
        String old = Instant.now().minus(Duration.ofDays(3)).toString();
        JsonNode map = get("/api/v1/service-map?from=" + old + "&to=" + Instant.now().minus(Duration.ofDays(2)));
        assertThat(map.path("nodes")).isEmpty();
        assertThat(map.path("edges")).isEmpty();

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/service-map?from=yesterday")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void ingestStats_countPairedSides() throws Exception {
        JsonNode pairing = get("/api/v1/ingest/stats").path("callPairing");

        // frontend -> cart, cart -> db, and the cart's call to itself, per request
        assertThat(pairing.path("paired").asLong()).isEqualTo(3L * REQUESTS);
        assertThat(pairing.path("expired").asLong()).isZero();
        assertThat(pairing.path("dropped").asLong()).isZero();
    }

    @Test
    void traceSearch_callsFilter_findsExactlyTheTracesThroughTheCall() throws Exception {
        JsonNode through = get("/api/v1/traces?service=frontend&calls=cart&limit=100");
        JsonNode all = get("/api/v1/traces?service=frontend&limit=100");
        JsonNode reversed = get("/api/v1/traces?service=cart&calls=frontend&limit=100");

        Set<String> found = new HashSet<>();
        through.forEach(trace -> found.add(trace.path("traceId").asString()));
        assertThat(found).isEqualTo(checkoutTraces);
        assertThat(all).hasSize(REQUESTS + frontendOnlyTraces.size());
        assertThat(reversed).isEmpty();
        assertThat(get("/api/v1/traces?service=cart&calls=db&sort=time&limit=100")).hasSize(REQUESTS);
    }
}
