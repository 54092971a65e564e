package dev.meridian.ui.traces;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Sends two traces to a running Meridian over OTLP/gRPC with the real OpenTelemetry SDK, to look at
 * the trace view with stored data: a checkout across three services (slow query, exception with a
 * stack trace, correlated logs, a span named with markup) and a 5,000-span trace. Prints their ids.
 * Run: {@code java -cp <test classpath> dev.meridian.ui.traces.TraceSeed http://localhost:4317}.
 */
public final class TraceSeed {

    private final Map<String, SdkTracerProvider> tracers = new LinkedHashMap<>();
    private final Map<String, SdkLoggerProvider> loggers = new LinkedHashMap<>();
    private final String endpoint;

    TraceSeed(String endpoint) {
        this.endpoint = endpoint;
    }

    public static void main(String[] args) {
        TraceSeed seed = new TraceSeed(args.length > 0 ? args[0] : "http://localhost:4317");
        Instant now = Instant.now();
        String checkout = seed.checkout(now.minusSeconds(30));
        String large = seed.large(now.minusSeconds(20), 5_000);
        seed.close();
        System.out.println("checkout trace " + checkout);
        System.out.println("large trace " + large);
    }

    private Resource resource(String service) {
        return Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("service.version"), "1.4.2",
                AttributeKey.stringKey("deployment.environment.name"), "production",
                AttributeKey.stringKey("host.name"), service + "-7d9f8c6b5-x2x4q")));
    }

    private Tracer tracer(String service) {
        return tracers.computeIfAbsent(service, s -> SdkTracerProvider.builder()
                .setResource(resource(s))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build())
                        .setMaxQueueSize(20_000).setMaxExportBatchSize(1_000).build())
                .build()).get("io.opentelemetry.spring-webmvc-6.0", "2.21.0");
    }

    private Logger logger(String service) {
        return loggers.computeIfAbsent(service, s -> SdkLoggerProvider.builder()
                .setResource(resource(s))
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).build()).build())
                .build()).get("com.shop." + service);
    }

    private record Timeline(Instant t0) {
        Instant at(double ms) {
            return t0.plusNanos((long) (ms * 1_000_000));
        }
    }

    private Span start(Timeline t, String service, String name, SpanKind kind, Span parent, double startMs) {
        var builder = tracer(service).spanBuilder(name).setSpanKind(kind).setStartTimestamp(t.at(startMs));
        builder = parent == null ? builder.setNoParent() : builder.setParent(Context.root().with(parent));
        return builder.startSpan();
    }

    private void log(Timeline t, String service, Span span, double atMs, Severity severity, String body) {
        logger(service).logRecordBuilder().setContext(span == null ? Context.root() : Context.root().with(span))
                .setTimestamp(t.at(atMs)).setSeverity(severity).setSeverityText(severity.name().replaceAll("\\d", ""))
                .setBody(body).setAttribute(AttributeKey.stringKey("thread.name"), "http-nio-8080-exec-3").emit();
    }

    String checkout(Instant t0) {
        Timeline t = new Timeline(t0);
        Span root = start(t, "frontend", "POST /api/checkout", SpanKind.SERVER, null, 0);
        root.setAttribute("http.request.method", "POST").setAttribute("http.route", "/api/checkout")
                .setAttribute("http.response.status_code", 500L).setAttribute("client.address", "10.0.4.17");
        log(t, "frontend", root, 0.4, Severity.INFO, "checkout started for cart 8812 (3 items)");
        Span auth = start(t, "frontend", "AuthFilter.verifyToken", SpanKind.INTERNAL, root, 1);
        Span redis = start(t, "frontend", "GET", SpanKind.CLIENT, auth, 1.5);
        redis.setAttribute("db.system.name", "redis").end(t.at(4.8));
        auth.end(t.at(6));
        Span cartCall = start(t, "frontend", "GET /cart/{id}", SpanKind.CLIENT, root, 8);
        Span cart = start(t, "checkout", "GET /cart/{id}", SpanKind.SERVER, cartCall, 10);
        start(t, "checkout", "GET /recommendations", SpanKind.CLIENT, cart, 13).setAttribute("server.address", "recs").end(t.at(41));
        Span select = start(t, "checkout", "SELECT shop.cart_items", SpanKind.CLIENT, cart, 12);
        select.setAttribute("db.system.name", "postgresql")
                .setAttribute("db.query.text", "SELECT * FROM cart_items WHERE cart_id = ?").end(t.at(58));
        Span hostile = start(t, "checkout", TraceFixtures.HOSTILE, SpanKind.INTERNAL, cart, 58.5);
        hostile.setAttribute("note", "<script>alert('attr')</script>").setAttribute(TraceFixtures.HOSTILE, "hostile key").end(t.at(60));
        cart.setAttribute("http.response.status_code", 200L).end(t.at(62));
        cartCall.end(t.at(64));
        Span ordersCall = start(t, "frontend", "POST /orders", SpanKind.CLIENT, root, 66);
        Span orders = start(t, "checkout", "POST /orders", SpanKind.SERVER, ordersCall, 68);
        log(t, "checkout", orders, 69, Severity.INFO, "creating order for cart 8812");
        Span tx = start(t, "checkout", "OrderService.placeOrder", SpanKind.INTERNAL, orders, 70);
        start(t, "checkout", "SELECT shop.inventory", SpanKind.CLIENT, tx, 72)
                .setAttribute("db.system.name", "postgresql")
                .setAttribute("db.query.text", "SELECT sku, qty FROM inventory WHERE sku IN (?, ?, ?) FOR UPDATE").end(t.at(91));
        Span slow = start(t, "checkout", "UPDATE shop.inventory", SpanKind.CLIENT, tx, 92);
        slow.setAttribute("db.system.name", "postgresql").setAttribute("db.query.text", "UPDATE inventory SET qty = qty - ? WHERE sku = ?");
        slow.addEvent("lock wait", Attributes.of(AttributeKey.longKey("wait.ms"), 503L), t.at(100));
        log(t, "checkout", slow, 400, Severity.WARN, "slow query: UPDATE inventory took more than 250 ms");
        slow.end(t.at(611));
        Span payCall = start(t, "checkout", "POST /payments", SpanKind.CLIENT, tx, 615);
        Span pay = start(t, "payments", "POST /payments", SpanKind.SERVER, payCall, 618);
        pay.setAttribute("payment.amount", 129.99).setAttribute("payment.currency", "EUR");
        Span fraud = start(t, "payments", "FraudCheck.score", SpanKind.INTERNAL, pay, 620);
        start(t, "payments", "GET", SpanKind.CLIENT, fraud, 621).setAttribute("db.system.name", "redis").end(t.at(625));
        start(t, "payments", "POST fraud-model/predict", SpanKind.CLIENT, fraud, 627).end(t.at(698));
        fraud.end(t.at(700));
        start(t, "payments", "GET /customers/{id}/risk", SpanKind.CLIENT, pay, 621).setAttribute("server.address", "risk").end(t.at(655));
        Span gateway = tracer("payments").spanBuilder("POST gateway.example/charge").setSpanKind(SpanKind.CLIENT)
                .setParent(Context.root().with(pay)).setStartTimestamp(t.at(702))
                .addLink(SpanContext.create("7a1c0e0b8f3a4d2e9b6c5d4e3f2a1b0c", "00f067aa0ba902b7",
                        io.opentelemetry.api.trace.TraceFlags.getSampled(), io.opentelemetry.api.trace.TraceState.getDefault()),
                        Attributes.of(AttributeKey.stringKey("link.reason"), "retry of an earlier attempt"))
                .startSpan();
        gateway.setAttribute("http.response.status_code", 402L).end(t.at(858));
        java.io.StringWriter stack = new java.io.StringWriter();
        new IllegalStateException("card declined: insufficient funds <b>bold?</b>", new java.io.IOException("gateway answered 402"))
                .printStackTrace(new java.io.PrintWriter(stack));
        pay.addEvent("exception", Attributes.of(
                AttributeKey.stringKey("exception.type"), "com.shop.payments.CardDeclinedException",
                AttributeKey.stringKey("exception.message"), "card declined: insufficient funds <b>bold?</b>",
                AttributeKey.stringKey("exception.stacktrace"), stack.toString()), t.at(858.5));
        log(t, "payments", pay, 859, Severity.ERROR, "payment failed: card declined " + TraceFixtures.HOSTILE);
        start(t, "payments", "INSERT shop.payment_attempts", SpanKind.CLIENT, pay, 862).setAttribute("db.system.name", "postgresql").end(t.at(876));
        pay.setStatus(StatusCode.ERROR, "card declined").end(t.at(878));
        payCall.setStatus(StatusCode.ERROR).end(t.at(880));
        start(t, "checkout", "ROLLBACK", SpanKind.CLIENT, tx, 882).setAttribute("db.system.name", "postgresql").end(t.at(889));
        log(t, "checkout", tx, 885, Severity.ERROR, "order 8812 rolled back: payment declined");
        tx.end(t.at(900));
        orders.setStatus(StatusCode.ERROR, "payment declined upstream").end(t.at(903));
        ordersCall.setStatus(StatusCode.ERROR).end(t.at(905));
        start(t, "frontend", "render error page", SpanKind.INTERNAL, root, 906).end(t.at(910));
        log(t, "frontend", null, 911, Severity.INFO, "request finished with 500 (no span context)");
        // a span whose parent was never exported (e.g. sampled out by another SDK): shown as an extra root
        SpanContext lost = SpanContext.createFromRemoteParent(root.getSpanContext().getTraceId(), "00000000deadbeef",
                io.opentelemetry.api.trace.TraceFlags.getSampled(), io.opentelemetry.api.trace.TraceState.getDefault());
        Span audit = tracer("checkout").spanBuilder("publish audit").setSpanKind(SpanKind.PRODUCER)
                .setParent(Context.root().with(Span.wrap(lost))).setStartTimestamp(t.at(890)).startSpan();
        audit.setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", "audit");
        log(t, "checkout", audit, 895, Severity.INFO, "audit event published");
        audit.end(t.at(899));
        root.setStatus(StatusCode.ERROR, "HTTP 500").end(t.at(912));
        return root.getSpanContext().getTraceId();
    }

    String large(Instant t0, int count) {
        Timeline t = new Timeline(t0);
        Random random = new Random(7);
        String[] services = {"reports", "ledger", "accounts", "fx-rates", "storage"};
        double end = 4_800;
        Span root = start(t, "gateway", "GET /reports/annual", SpanKind.SERVER, null, 0);
        List<Span> parents = new ArrayList<>(List.of(root));
        List<double[]> windows = new ArrayList<>();
        windows.add(new double[] {0, end});
        List<Runnable> ends = new ArrayList<>();
        for (int n = 1; n < count; n++) {
            int p = random.nextInt(Math.min(parents.size(), 1 + n / 3));
            double[] w = windows.get(p);
            double start = w[0] + random.nextDouble() * (w[1] - w[0]) * 0.8;
            double stop = Math.min(w[1], start + random.nextDouble() * (w[1] - start) * 0.6 + 0.05);
            String service = services[random.nextInt(services.length)];
            boolean db = random.nextInt(4) == 0;
            Span span = start(t, service, db ? "SELECT ledger.entries" : "process batch " + n, db ? SpanKind.CLIENT : SpanKind.INTERNAL,
                    parents.get(p), start);
            span.setAttribute("batch.index", n);
            if (random.nextInt(200) == 0) {
                span.setStatus(StatusCode.ERROR, "timeout");
            }
            if (random.nextInt(50) == 0) {
                log(t, service, span, start, Severity.INFO, "processed batch " + n);
            }
            if (!db) {
                parents.add(span);
                windows.add(new double[] {start, stop});
            }
            ends.add(() -> span.end(t.at(stop)));
        }
        ends.forEach(Runnable::run);
        root.end(t.at(end));
        return root.getSpanContext().getTraceId();
    }

    void close() {
        tracers.values().forEach(p -> p.shutdown().join(30, TimeUnit.SECONDS));
        loggers.values().forEach(p -> p.shutdown().join(30, TimeUnit.SECONDS));
    }
}
