package dev.meridian.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Seed data for the logs and metrics explorers, sent with the OpenTelemetry Java SDK over OTLP/HTTP:
 * an hour of logs of every severity from three services (some inside spans, one multi-line stack
 * trace, one body that is markup), and an hour of JVM-like and HTTP metrics (gauge
 * {@code jvm.memory.used} by {@code jvm.memory.type}, cumulative sum {@code http.server.request.count},
 * cumulative histogram {@code http.server.request.duration}, gauge {@code jvm.cpu.recent_utilization})
 * with a latency spike twelve minutes ago. Run {@link #main} with the OTLP/HTTP base URL.
 */
public final class ExploreSeed {

    public static final String MARKUP = "<img src=x onerror=alert(1)>";
    static final List<String> SERVICES = List.of("checkout", "payments", "frontend");
    static final List<String> ROUTES = List.of("/api/orders", "/api/cart", "/api/pay");
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private ExploreSeed() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "http://localhost:4318";
        if (args.length > 1 && args[1].equals("live")) {
            sendLive(endpoint, Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 20));
            return;
        }
        Instant now = Instant.now();
        sendLogsAndSpans(endpoint, now);
        sendMetrics(endpoint, now);
        System.out.println("seeded logs, spans and metrics to " + endpoint + " up to " + now);
    }

    static void sendLogsAndSpans(String endpoint, Instant now) {
        Random random = new Random(7);
        for (String service : SERVICES) {
            Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                    .put("service.name", service).put("service.version", "1.4.2")
                    .put("host.name", service + "-7d9f-" + (service.length() % 3)).put("deployment.environment.name", "prod").build()));
            SdkTracerProvider tracers = SdkTracerProvider.builder().setResource(resource)
                    .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                            .setEndpoint(endpoint + "/v1/traces").build()).build()).build();
            SdkLoggerProvider loggers = SdkLoggerProvider.builder().setResource(resource)
                    .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder()
                            .setEndpoint(endpoint + "/v1/logs").build()).build()).build();
            Tracer tracer = tracers.get("dev.meridian.seed");
            Logger logger = loggers.get("com.example." + service);
            Instant t = now.minus(Duration.ofMinutes(60));
            while (t.isBefore(now)) {
                t = t.plusMillis(4000 + random.nextInt(9000));
                String route = ROUTES.get(random.nextInt(ROUTES.size()));
                Span span = tracer.spanBuilder("GET " + route).setSpanKind(SpanKind.SERVER).setStartTimestamp(t)
                        .setAttribute("http.route", route).setAttribute("http.request.method", "GET").startSpan();
                Context context = Context.root().with(span);
                int roll = random.nextInt(100);
                Severity severity = roll < 8 ? Severity.TRACE : roll < 30 ? Severity.DEBUG : roll < 80 ? Severity.INFO
                        : roll < 91 ? Severity.WARN : roll < 98 ? Severity.ERROR : Severity.FATAL;
                String body = body(service, route, severity, random);
                logger.logRecordBuilder().setTimestamp(t).setObservedTimestamp(t.plusMillis(3)).setSeverity(severity)
                        .setSeverityText(severity.name().replaceAll("\\d", "")).setBody(body)
                        .setAttribute(AttributeKey.stringKey("http.route"), route)
                        .setAttribute(AttributeKey.stringKey("thread.name"), "http-nio-8080-exec-" + (1 + random.nextInt(8)))
                        .setAttribute(AttributeKey.stringKey("code.function.name"), "com.example." + service + ".Handler.handle")
                        .setContext(roll % 3 == 0 ? Context.root() : context).emit();
                span.end(t.plusMillis(20 + random.nextInt(200)));
            }
            // the body is markup: it must read as text, never run
            Instant xss = now.minus(Duration.ofMinutes(3));
            Span span = tracer.spanBuilder("POST /api/comments").setSpanKind(SpanKind.SERVER).setStartTimestamp(xss).startSpan();
            logger.logRecordBuilder().setTimestamp(xss).setSeverity(Severity.WARN).setSeverityText("WARN").setBody(MARKUP)
                    .setAttribute(AttributeKey.stringKey("user.comment"), MARKUP).setContext(Context.root().with(span)).emit();
            span.end(xss.plusMillis(12));
            Instant crash = now.minus(Duration.ofMinutes(12));
            logger.logRecordBuilder().setTimestamp(crash).setSeverity(Severity.ERROR).setSeverityText("ERROR")
                    .setBody("Request failed: java.sql.SQLTimeoutException: query timed out after 2400 ms\n"
                            + "\tat org.h2.jdbc.JdbcPreparedStatement.executeQuery(JdbcPreparedStatement.java:131)\n"
                            + "\tat com.example." + service + ".OrderRepository.find(OrderRepository.java:58)\n"
                            + "\tat com.example." + service + ".Handler.handle(Handler.java:41)")
                    .setAttribute(AttributeKey.stringKey("exception.type"), "java.sql.SQLTimeoutException").emit();
            tracers.forceFlush().join(20, TimeUnit.SECONDS);
            loggers.forceFlush().join(20, TimeUnit.SECONDS);
            tracers.shutdown().join(10, TimeUnit.SECONDS);
            loggers.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    /** One record every half second for a while, exported as they happen: something for live tail to show. */
    static void sendLive(String endpoint, Duration length) throws InterruptedException {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")));
        SdkLoggerProvider loggers = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(endpoint + "/v1/logs").build()).setScheduleDelay(Duration.ofMillis(500)).build()).build();
        Logger logger = loggers.get("com.example.live");
        Random random = new Random();
        Instant end = Instant.now().plus(length);
        int n = 0;
        while (Instant.now().isBefore(end)) {
            Severity severity = n % 7 == 6 ? Severity.WARN : Severity.INFO;
            logger.logRecordBuilder().setTimestamp(Instant.now()).setSeverity(severity).setSeverityText(severity.name())
                    .setBody("live #" + (++n) + ": GET /api/orders completed with 200 in " + (5 + random.nextInt(90)) + " ms").emit();
            Thread.sleep(500);
        }
        loggers.forceFlush().join(10, TimeUnit.SECONDS);
        loggers.shutdown().join(10, TimeUnit.SECONDS);
    }

    private static String body(String service, String route, Severity severity, Random random) {
        int ms = 5 + random.nextInt(180);
        return switch (severity) {
            case TRACE -> "enter Handler.handle route=" + route;
            case DEBUG -> "cache lookup for key order:" + (10000 + random.nextInt(90000)) + " hit=" + random.nextBoolean();
            case INFO -> "GET " + route + " completed with 200 in " + ms + " ms";
            case WARN -> "slow downstream call to " + (service.equals("checkout") ? "payments" : "inventory") + ": " + (400 + ms) + " ms";
            case ERROR -> "GET " + route + " failed with 500: connection reset by peer";
            default -> "out of memory: unable to allocate buffer, shutting down worker pool";
        };
    }

    static void sendMetrics(String endpoint, Instant now) {
        Random random = new Random(11);
        InstrumentationScopeInfo scope = InstrumentationScopeInfo.create("io.opentelemetry.runtime-telemetry-java17");
        long start = toNanos(now.minus(Duration.ofMinutes(61)));
        List<MetricData> all = new ArrayList<>();
        for (String service : List.of("checkout", "payments")) {
            Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                    .put("service.name", service).put("host.name", service + "-7d9f-1").build()));
            List<DoublePointData> memory = new ArrayList<>();
            List<DoublePointData> cpu = new ArrayList<>();
            List<LongPointData> counts = new ArrayList<>();
            List<HistogramPointData> durations = new ArrayList<>();
            long[] cumulative = new long[ROUTES.size() * 2];
            long[][] buckets = new long[ROUTES.size()][BOUNDS.length + 1];
            double[] sums = new double[ROUTES.size()];
            double heap = 180e6;
            for (int i = 60; i >= 0; i--) {
                Instant t = now.minus(Duration.ofMinutes(i));
                long nanos = toNanos(t);
                heap = heap + 4e6 + random.nextGaussian() * 3e6;
                if (heap > 420e6) {
                    heap = 160e6; // a collection
                }
                memory.add(ImmutableDoublePointData.create(start, nanos, Attributes.of(AttributeKey.stringKey("jvm.memory.type"), "heap",
                        AttributeKey.stringKey("jvm.memory.pool.name"), "G1 Old Gen"), heap));
                memory.add(ImmutableDoublePointData.create(start, nanos, Attributes.of(AttributeKey.stringKey("jvm.memory.type"), "non_heap",
                        AttributeKey.stringKey("jvm.memory.pool.name"), "Metaspace"), 92e6 + i * -0.05e6 + random.nextDouble() * 1e6));
                boolean spike = i >= 11 && i <= 13;
                cpu.add(ImmutableDoublePointData.create(start, nanos, Attributes.empty(),
                        Math.min(0.98, (spike ? 0.72 : 0.18) + random.nextDouble() * 0.08)));
                for (int r = 0; r < ROUTES.size(); r++) {
                    long requests = 80 + random.nextInt(40) + (r == 0 ? 60 : 0);
                    long errors = spike && r == 0 ? 25 : random.nextInt(3);
                    cumulative[r * 2] += requests;
                    cumulative[r * 2 + 1] += errors;
                    counts.add(ImmutableLongPointData.create(start, nanos, Attributes.of(AttributeKey.stringKey("http.route"), ROUTES.get(r),
                            AttributeKey.longKey("http.response.status_code"), 200L), cumulative[r * 2]));
                    counts.add(ImmutableLongPointData.create(start, nanos, Attributes.of(AttributeKey.stringKey("http.route"), ROUTES.get(r),
                            AttributeKey.longKey("http.response.status_code"), 500L), cumulative[r * 2 + 1]));
                    for (long n = 0; n < requests; n++) {
                        double seconds = (spike && r == 0 ? 0.9 : 0.03 + r * 0.02) * Math.exp(random.nextGaussian() * 0.5);
                        int b = 0;
                        while (b < BOUNDS.length && seconds > BOUNDS[b]) {
                            b++;
                        }
                        buckets[r][b]++;
                        sums[r] += seconds;
                    }
                    List<Long> counted = new ArrayList<>();
                    long total = 0;
                    for (long c : buckets[r]) {
                        counted.add(c);
                        total += c;
                    }
                    List<Double> bounds = new ArrayList<>();
                    for (double bound : BOUNDS) {
                        bounds.add(bound);
                    }
                    durations.add(ImmutableHistogramPointData.create(start, nanos, Attributes.of(AttributeKey.stringKey("http.route"), ROUTES.get(r),
                            AttributeKey.stringKey("http.request.method"), "GET"), sums[r], false, 0, false, 0, bounds, counted));
                    if (total == 0) {
                        throw new IllegalStateException();
                    }
                }
            }
            all.add(ImmutableMetricData.createDoubleGauge(resource, scope, "jvm.memory.used", "Measure of memory used.", "By",
                    ImmutableGaugeData.create(memory)));
            all.add(ImmutableMetricData.createDoubleGauge(resource, scope, "jvm.cpu.recent_utilization",
                    "Recent CPU utilization for the process as reported by the JVM.", "1", ImmutableGaugeData.create(cpu)));
            all.add(ImmutableMetricData.createLongSum(resource, InstrumentationScopeInfo.create("io.opentelemetry.tomcat-10.0"),
                    "http.server.request.count", "Number of HTTP server requests.", "{request}",
                    ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, counts)));
            all.add(ImmutableMetricData.createDoubleHistogram(resource, InstrumentationScopeInfo.create("io.opentelemetry.tomcat-10.0"),
                    "http.server.request.duration", "Duration of HTTP server requests.", "s",
                    ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, durations)));
        }
        try (OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(endpoint + "/v1/metrics").build()) {
            var result = exporter.export(all).join(30, TimeUnit.SECONDS);
            if (!result.isSuccess()) {
                throw new IllegalStateException("metric export failed", result.getFailureThrowable());
            }
        }
    }

    private static long toNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
