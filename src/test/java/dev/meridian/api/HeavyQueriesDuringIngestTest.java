package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testing.CollectingSpanProcessor;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import dev.meridian.ingest.otlp.OtlpEndpoints;

/**
 * Heavy reads never starve ingest: while an OpenTelemetry SDK exports spans steadily over OTLP/HTTP, six clients
 * run log searches ({@code q=} over a year, 50,000 stored log lines of 1 KB, nothing matching) as fast as they are
 * answered.
 *
 * <p>The write-ahead log is off and the SDK does not retry, so every export's answer is the database writer's
 * own: success only after its commit. The writer's pool waits at most 1 s for a connection
 * ({@code spring.datasource.hikari.connection-timeout}), standing in for the 30 s of production against
 * searches that run for minutes; with one pool for readers and writer, exports failed with 503 here. Asserted:
 * no export fails, every acknowledged span is stored, every search is answered (partial when out of its
 * 3 s budget). Printed, not asserted: p99 export latency without and with the heavy searches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "meridian.otlp.grpc-port=0",
        "meridian.otlp.http-port=0",
        "meridian.otlp.bind-address=127.0.0.1",
        "meridian.ingest-log.enabled=false",
        "spring.datasource.hikari.connection-timeout=1000",
        "meridian.query.timeout=3s",
        "meridian.retention.max-age=400d",
})
class HeavyQueriesDuringIngestTest {

    static {
        System.setProperty("io.opentelemetry.sdk.common.export.HttpSenderProvider",
                "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
    }

    static final int SEEDED_LOGS = 50_000;
    static final int SEARCHERS = 6;
    static final int SPANS_PER_EXPORT = 20;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("meridian-heavy-queries");
        registry.add("meridian.data-dir", () -> dir.resolve("data").toString());
    }

    @Autowired
    OtlpEndpoints endpoints;
    @Autowired
    DataSource dataSource;
    @LocalServerPort
    int webPort;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void heavyLogSearches_neverFailOrLoseExports() throws Exception {
        long seeding = System.nanoTime();
        seedLogs();
        System.out.printf("seeded %d log lines in %d ms%n", SEEDED_LOGS, (System.nanoTime() - seeding) / 1_000_000);
        Exports exports = new Exports();
        try {
            List<Long> quiet = exports.runFor(Duration.ofSeconds(5));

            AtomicBoolean searching = new AtomicBoolean(true);
            ExecutorService searchers = Executors.newFixedThreadPool(SEARCHERS);
            List<Future<List<Integer>>> searches = new ArrayList<>();
            AtomicInteger partial = new AtomicInteger();
            for (int i = 0; i < SEARCHERS; i++) {
                searches.add(searchers.submit(() -> search(searching, partial)));
            }
            Thread.sleep(1_000); // the searches hold the readers' connections
            List<Long> loaded = exports.runFor(Duration.ofSeconds(12));
            searching.set(false);
            List<Integer> statuses = new ArrayList<>();
            for (Future<List<Integer>> search : searches) {
                statuses.addAll(search.get(60, TimeUnit.SECONDS));
            }
            searchers.shutdown();

            System.out.printf("export p99 %d ms without heavy searches (%d exports), %d ms with %d searchers"
                            + " (%d exports; %d searches answered, %d partial)%n",
                    p99(quiet), quiet.size(), p99(loaded), SEARCHERS, loaded.size(), statuses.size(), partial.get());
            assertThat(exports.failures).as("exports that failed").isEmpty();
            assertThat(statuses).as("search answers").isNotEmpty().containsOnly(200);
            assertThat(storedSpans()).as("acknowledged spans stored").isEqualTo(exports.acknowledgedSpans.get());
        } finally {
            exports.close();
        }
    }

    /** 1 KB log lines over the six days before the test, straight into the table: the stored volume a search scans. */
    private void seedLogs() {
        long endMs = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        long stepMs = Duration.ofDays(6).toMillis() / SEEDED_LOGS;
        long startMs = endMs - stepMs * SEEDED_LOGS;
        new JdbcTemplate(dataSource).update("INSERT INTO logs (log_key, time_ns, event_time_ns, observed_ns, service_id,"
                + " severity_number, severity_text, trace_hi, trace_lo, span_id, body, resource_id, detail)"
                + " SELECT (? + X * ?) * 1048576, (? + X * ?) * 1000000, (? + X * ?) * 1000000, (? + X * ?) * 1000000,"
                + " 999999, 9, 'INFO', 0, 0, 0, CONCAT('seeded log line ', X, REPEAT(' of the heavy query test: nothing in it"
                + " matches', 20)), 0, X'00' FROM SYSTEM_RANGE(0, ?)",
                startMs, stepMs, startMs, stepMs, startMs, stepMs, startMs, stepMs, SEEDED_LOGS - 1);
    }

    /** Log searches over a year, one after the other, until told to stop; their HTTP statuses. */
    private List<Integer> search(AtomicBoolean searching, AtomicInteger partial) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        String from = Instant.now().minus(Duration.ofDays(365)).toString();
        while (searching.get()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort
                    + "/api/v1/logs?q=no-such-text-anywhere&limit=100&from=" + from)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
            if (response.headers().firstValue(TracesController.PARTIAL_HEADER).isPresent()) {
                partial.incrementAndGet();
            }
        }
        return statuses;
    }

    private long storedSpans() {
        Long stored = new JdbcTemplate(dataSource).queryForObject("SELECT SUM(r.span_count) FROM span_runs r JOIN services v"
                + " ON v.service_id = r.service_id WHERE v.service_name = 'steady'", Long.class);
        return stored == null ? 0 : stored;
    }

    private static long p99(List<Long> latenciesMillis) {
        List<Long> sorted = new ArrayList<>(latenciesMillis);
        Collections.sort(sorted);
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
    }

    /** An SDK exporter without retries, fed {@value #SPANS_PER_EXPORT} spans every 50 ms. */
    final class Exports implements AutoCloseable {

        final OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + endpoints.httpPort() + "/v1/traces")
                .setRetryPolicy(null)
                .setTimeout(Duration.ofSeconds(30))
                .build();
        final List<SpanData> ended = Collections.synchronizedList(new ArrayList<>());
        final SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "steady"))))
                .addSpanProcessor(new CollectingSpanProcessor(ended))
                .build();
        final Tracer tracer = provider.get("heavy-queries-test");
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger acknowledgedSpans = new AtomicInteger();

        /** Exports for the given time; the latency of each export in milliseconds. */
        List<Long> runFor(Duration duration) throws InterruptedException {
            List<Long> latencies = new ArrayList<>();
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                for (int i = 0; i < SPANS_PER_EXPORT; i++) {
                    tracer.spanBuilder("GET /steady").startSpan().end();
                }
                List<SpanData> batch;
                synchronized (ended) {
                    batch = new ArrayList<>(ended);
                    ended.clear();
                }
                long start = System.nanoTime();
                CompletableResultCode result = exporter.export(batch).join(60, TimeUnit.SECONDS);
                latencies.add((System.nanoTime() - start) / 1_000_000);
                if (result.isSuccess()) {
                    acknowledgedSpans.addAndGet(batch.size());
                } else {
                    failures.add(result.getFailureThrowable() instanceof FailedExportException.HttpExportException http
                            && http.getResponse() != null ? "HTTP " + http.getResponse().getStatusCode()
                            : String.valueOf(result.getFailureThrowable()));
                }
                Thread.sleep(50);
            }
            return latencies;
        }

        @Override
        public void close() {
            provider.shutdown().join(5, TimeUnit.SECONDS);
            exporter.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
