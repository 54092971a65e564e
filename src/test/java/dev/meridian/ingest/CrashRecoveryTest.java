package dev.meridian.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testing.CollectingSpanProcessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means stored, across kill -9: Meridian runs in a child JVM, eight OpenTelemetry SDK exporters
 * send 512-span batches to it at full speed, the JVM is killed with SIGKILL mid-stream (after 2,000 traces were
 * acknowledged), started again on the
 * same data directory (the write-ahead log is replayed) and stopped; then every trace whose export was
 * acknowledged must be in the H2 file.
 */
class CrashRecoveryTest {

    static {
        // the JDK's HttpClient, not OkHttp, for OTLP/HTTP (both senders are on the test classpath)
        System.setProperty("io.opentelemetry.sdk.common.export.HttpSenderProvider",
                "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
    }

    @TempDir
    Path dataDir;
    final AtomicLong failures = new AtomicLong();

    @Test
    void killedUnderLoad_keepsEveryAcknowledgedSpan() throws Exception {
        Ports ports = Ports.free();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Process first = start(ports);
        try {
            awaitHealthy(ports, first);
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService exporters = Executors.newFixedThreadPool(8);
            for (int e = 0; e < 8; e++) {
                exporters.submit(() -> export(ports, sending, acknowledged, failures));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (acknowledged.size() < 2_000 && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(50);
            }
            first.destroyForcibly(); // SIGKILL while requests are in flight
            first.waitFor(30, TimeUnit.SECONDS);
            sending.set(false);
            exporters.shutdown();
            assertThat(exporters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        assertThat(acknowledged).as("acknowledged traces before the kill; export failures: " + failures)
                .hasSizeGreaterThanOrEqualTo(2_000);

        Process second = start(ports);
        try {
            awaitHealthy(ports, second); // the pipeline replays the log before the receivers open
        } finally {
            second.destroy(); // a graceful stop: H2 closes its file
            second.waitFor(60, TimeUnit.SECONDS);
            second.destroyForcibly();
        }

        Set<String> stored = storedTraceIds();
        List<String> missing = acknowledged.stream().filter(t -> !stored.contains(t)).limit(5).toList();
        assertThat(missing).as("acknowledged traces missing after kill -9 (of " + acknowledged.size() + ")").isEmpty();
    }

    /** One exporter like a BatchSpanProcessor: one 512-span request in flight at a time, until the server is gone. */
    private static void export(Ports ports, AtomicBoolean sending, Set<String> acknowledged,
                               AtomicLong failures) {
        List<SpanData> ended = new ArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().toBuilder().put("service.name", "crash-test").build())
                .addSpanProcessor(new CollectingSpanProcessor(ended)).build();
        Tracer tracer = provider.get("crash-test");
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + ports.otlpHttp + "/v1/traces").setTimeout(Duration.ofSeconds(10))
                .setRetryPolicy(null).build();
        try {
            while (sending.get()) {
                ended.clear();
                for (int trace = 0; trace < 64; trace++) {
                    Span root = tracer.spanBuilder("GET /crash").startSpan();
                    for (int child = 0; child < 7; child++) {
                        tracer.spanBuilder("SELECT").setParent(Context.current().with(root)).startSpan()
                                .setAttribute("db.system", "h2").end();
                    }
                    root.end();
                }
                List<SpanData> batch = List.copyOf(ended);
                CompletableResultCode result = exporter.export(batch).join(15, TimeUnit.SECONDS);
                if (result.isSuccess()) {
                    batch.forEach(s -> acknowledged.add(s.getTraceId()));
                } else {
                    failures.incrementAndGet();
                }
            }
        } finally {
            exporter.shutdown();
            provider.shutdown();
        }
    }

    private Process start(Ports ports) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "dev.meridian.MeridianApplication",
                "--meridian.data-dir=" + dataDir, "--server.port=" + ports.web,
                "--meridian.otlp.http-port=" + ports.otlpHttp, "--meridian.otlp.grpc-port=" + ports.otlpGrpc,
                "--meridian.otlp.bind-address=127.0.0.1", "--spring.main.banner-mode=off");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("meridian-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static void awaitHealthy(Ports ports, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Meridian exited while starting").isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.web + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Meridian did not become healthy within 120 s");
    }

    private Set<String> storedTraceIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("meridian"), "sa", "");
             ResultSet rs = connection.createStatement().executeQuery("SELECT DISTINCT trace_hi, trace_lo FROM span_runs")) {
            while (rs.next()) {
                ids.add(String.format("%016x%016x", rs.getLong(1), rs.getLong(2)));
            }
        }
        return ids;
    }

    private record Ports(int web, int otlpHttp, int otlpGrpc) {
        static Ports free() throws IOException {
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0); ServerSocket c = new ServerSocket(0)) {
                return new Ports(a.getLocalPort(), b.getLocalPort(), c.getLocalPort());
            }
        }
    }
}
