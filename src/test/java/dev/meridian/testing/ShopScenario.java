package dev.meridian.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A small shop sending real OpenTelemetry SDK data: {@code frontend} calls {@code checkout}, which
 * queries its database and calls {@code payments}. Requests arrive every 20 s over the last 30 minutes,
 * a few fail, and one request {@link #SLOW_AGO} ago is slow because of its database span, which logs a
 * warning. One trace carries markup in its span name, attributes and log body, to prove it is shown as text.
 * Run {@link #main} against a running Meridian to see it in the UI.
 */
public final class ShopScenario {

    public static final Duration SLOW_AGO = Duration.ofMinutes(12);
    public static final long SLOW_DB_MILLIS = 2400;
    public static final String SLOW_QUERY = "SELECT * FROM orders WHERE customer_id = ?";
    public static final String SLOW_WARNING = "slow query: orders lookup took 2400 ms";
    public static final String MARKUP = "<img src=x onerror=alert(1)>";

    private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.query.text");

    /** What the scenario sent, for tests to look for. */
    public record Sent(String slowTraceId, Instant slowStart, int traces, List<String> services) {
    }

    private final String grpcEndpoint;
    private final String httpEndpoint;

    /** @param grpcEndpoint e.g. http://localhost:4317 @param httpEndpoint e.g. http://localhost:4318 */
    public ShopScenario(String grpcEndpoint, String httpEndpoint) {
        this.grpcEndpoint = grpcEndpoint;
        this.httpEndpoint = httpEndpoint;
    }

    /** Arguments: host (localhost), OTLP gRPC port (4317), OTLP HTTP port (4318). */
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "localhost";
        String grpcPort = args.length > 1 ? args[1] : "4317";
        String httpPort = args.length > 2 ? args[2] : "4318";
        Sent sent = new ShopScenario("http://" + host + ":" + grpcPort, "http://" + host + ":" + httpPort).send(Instant.now());
        System.out.println("sent " + sent.traces() + " traces; slow trace " + sent.slowTraceId() + " at " + sent.slowStart());
    }

    /** Sends everything and returns once every exporter has flushed (Meridian acknowledges only stored data). */
    public Sent send(Instant now) {
        // frontend and checkout export over gRPC, payments over HTTP/protobuf: both receivers take part.
        try (ServiceSdk frontend = ServiceSdk.grpc("frontend", grpcEndpoint);
             ServiceSdk checkout = ServiceSdk.grpc("checkout", grpcEndpoint);
             ServiceSdk payments = ServiceSdk.http("payments", httpEndpoint)) {
            Random random = new Random(42);
            Instant first = now.minus(Duration.ofMinutes(30));
            Instant slowAt = now.minus(SLOW_AGO);
            String slowTraceId = null;
            int traces = 0;
            for (Instant t = first; t.isBefore(now.minusSeconds(20)); t = t.plusSeconds(20)) {
                boolean slow = slowTraceId == null && !t.isBefore(slowAt);
                int status = slow ? 200 : random.nextInt(30) == 0 ? 500 : random.nextInt(25) == 0 ? 404 : 200;
                String traceId = request(frontend, checkout, payments, t, slow, status, random, false);
                if (slow) {
                    slowTraceId = traceId;
                    slowAt = t;
                }
                traces++;
            }
            request(frontend, checkout, payments, now.minusSeconds(90), false, 200, random, true);
            traces++;
            checkout.recordResourceUsage();
            return new Sent(slowTraceId, slowAt, traces, List.of("frontend", "checkout", "payments"));
        }
    }

    /** One SERVER span of a new service, e.g. to watch a live view pick it up. */
    public void sendOneRequest(String service, Instant at) {
        try (ServiceSdk sdk = ServiceSdk.grpc(service, grpcEndpoint)) {
            Span span = sdk.tracer().spanBuilder("GET /health").setSpanKind(SpanKind.SERVER).setNoParent()
                    .setStartTimestamp(nanos(at), TimeUnit.NANOSECONDS).startSpan();
            span.end(nanos(at) + ms(3), TimeUnit.NANOSECONDS);
        }
    }

    private static String request(ServiceSdk frontend, ServiceSdk checkout, ServiceSdk payments, Instant start,
                                  boolean slow, int status, Random random, boolean markup) {
        long t0 = nanos(start);
        long dbMillis = slow ? SLOW_DB_MILLIS : 3 + random.nextInt(12);
        long paymentMillis = 8 + random.nextInt(20);
        long checkoutMillis = dbMillis + paymentMillis + 6;
        long totalMillis = checkoutMillis + 10;

        String route = markup ? MARKUP : "/checkout";
        Span root = frontend.tracer().spanBuilder(markup ? MARKUP : "GET /checkout").setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(t0, TimeUnit.NANOSECONDS)
                .setAttribute(HTTP_METHOD, "GET").setAttribute(HTTP_ROUTE, route).setAttribute(HTTP_STATUS, (long) status)
                .setNoParent().startSpan();
        if (markup) {
            root.setAttribute("user.note", "<script>alert(2)</script>");
        }
        Context rootContext = Context.root().with(root);
        Span call = frontend.tracer().spanBuilder("POST /api/checkout").setSpanKind(SpanKind.CLIENT).setParent(rootContext)
                .setStartTimestamp(t0 + ms(4), TimeUnit.NANOSECONDS).startSpan();
        Span handler = checkout.tracer().spanBuilder("POST /api/checkout").setSpanKind(SpanKind.SERVER)
                .setParent(Context.root().with(call)).setStartTimestamp(t0 + ms(5), TimeUnit.NANOSECONDS)
                .setAttribute(HTTP_METHOD, "POST").setAttribute(HTTP_ROUTE, "/api/checkout")
                .setAttribute(HTTP_STATUS, (long) status).startSpan();
        Context handlerContext = Context.root().with(handler);
        Span db = checkout.tracer().spanBuilder(SLOW_QUERY.split(" ")[0] + " orders").setSpanKind(SpanKind.CLIENT)
                .setParent(handlerContext).setStartTimestamp(t0 + ms(6), TimeUnit.NANOSECONDS)
                .setAttribute(DB_SYSTEM, "postgresql").setAttribute(DB_STATEMENT, SLOW_QUERY).startSpan();
        if (slow) {
            checkout.log(Context.root().with(db), t0 + ms(6 + dbMillis), Severity.WARN, SLOW_WARNING);
        }
        db.end(t0 + ms(6 + dbMillis), TimeUnit.NANOSECONDS);
        Span charge = payments.tracer().spanBuilder("POST /charge").setSpanKind(SpanKind.SERVER)
                .setParent(handlerContext).setStartTimestamp(t0 + ms(7 + dbMillis), TimeUnit.NANOSECONDS)
                .setAttribute(HTTP_ROUTE, "/charge").setAttribute(HTTP_STATUS, status == 500 ? 500L : 200L).startSpan();
        if (status == 500) {
            RuntimeException failure = new IllegalStateException("card declined by issuer");
            charge.recordException(failure, Attributes.empty());
            charge.setStatus(StatusCode.ERROR, "card declined");
            payments.log(Context.root().with(charge), t0 + ms(7 + dbMillis + paymentMillis), Severity.ERROR,
                    "charge failed: card declined by issuer");
        }
        charge.end(t0 + ms(7 + dbMillis + paymentMillis), TimeUnit.NANOSECONDS);
        if (status >= 500) {
            handler.setStatus(StatusCode.ERROR);
            root.setStatus(StatusCode.ERROR);
        }
        checkout.log(handlerContext, t0 + ms(checkoutMillis), Severity.INFO,
                markup ? MARKUP : "checkout completed with status " + status);
        handler.end(t0 + ms(5 + checkoutMillis), TimeUnit.NANOSECONDS);
        call.end(t0 + ms(6 + checkoutMillis), TimeUnit.NANOSECONDS);
        root.end(t0 + ms(totalMillis), TimeUnit.NANOSECONDS);
        return root.getSpanContext().getTraceId();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    /** One instrumented service: its own resource, tracer, logger and meter, exporting with the real SDK. */
    public record ServiceSdk(String name, SdkTracerProvider tracing, SdkLoggerProvider logging, SdkMeterProvider metering)
            implements AutoCloseable {

        public static ServiceSdk grpc(String name, String endpoint) {
            return create(name, OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build(),
                    OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).build(), endpoint);
        }

        static ServiceSdk http(String name, String endpoint) {
            return create(name, OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").build(),
                    OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint + "/v1/logs").build(), null);
        }

        private static ServiceSdk create(String name, SpanExporter spans, LogRecordExporter logs, String grpcEndpoint) {
            Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                    AttributeKey.stringKey("service.name"), name,
                    AttributeKey.stringKey("service.version"), "1.4.2",
                    AttributeKey.stringKey("deployment.environment.name"), "test")));
            SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource)
                    .addSpanProcessor(BatchSpanProcessor.builder(spans).setMaxExportBatchSize(512).build()).build();
            SdkLoggerProvider logging = SdkLoggerProvider.builder().setResource(resource)
                    .addLogRecordProcessor(BatchLogRecordProcessor.builder(logs).build()).build();
            SdkMeterProvider metering = grpcEndpoint == null ? null : SdkMeterProvider.builder().setResource(resource)
                    .registerMetricReader(PeriodicMetricReader.builder(
                            OtlpGrpcMetricExporter.builder().setEndpoint(grpcEndpoint).build())
                            .setInterval(Duration.ofHours(1)).build())
                    .build();
            return new ServiceSdk(name, tracing, logging, metering);
        }

        public Tracer tracer() {
            return tracing.get("shop." + name);
        }

        public void log(Context context, long epochNanos, Severity severity, String body) {
            Logger logger = logging.get("shop." + name);
            logger.logRecordBuilder().setContext(context).setTimestamp(epochNanos, TimeUnit.NANOSECONDS)
                    .setSeverity(severity).setSeverityText(severity.name().replaceAll("\\d", "")).setBody(body).emit();
        }

        void recordResourceUsage() {
            if (metering == null) {
                return;
            }
            var meter = metering.get("shop." + name);
            meter.gaugeBuilder("process.cpu.utilization").setUnit("1").buildWithCallback(m -> m.record(0.37));
            meter.upDownCounterBuilder("jvm.memory.used").setUnit("By").buildWithCallback(m -> {
                m.record(180_000_000L, Attributes.of(AttributeKey.stringKey("jvm.memory.type"), "heap"));
                m.record(60_000_000L, Attributes.of(AttributeKey.stringKey("jvm.memory.type"), "non_heap"));
            });
        }

        @Override
        public void close() {
            List<io.opentelemetry.sdk.common.CompletableResultCode> results = new ArrayList<>();
            results.add(tracing.shutdown());
            results.add(logging.shutdown());
            if (metering != null) {
                results.add(metering.shutdown());
            }
            for (var result : results) {
                result.join(30, TimeUnit.SECONDS);
                if (!result.isSuccess()) {
                    throw new IllegalStateException(name + ": export to Meridian failed");
                }
            }
        }
    }
}
