package dev.meridian.ui.traces;

import dev.meridian.query.TraceQueries.Trace;
import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic traces as domain records, for the view tests' seed: a checkout across three services with a
 * slow query, an exception, logs, a hostile span name and an orphan span; and a 5,000-span trace.
 */
public final class TraceFixtures {

    static final TraceId CHECKOUT = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
    public static final TraceId LARGE = TraceId.fromHex("5000000000000000a3ce929d0e0e4736");
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final long T0 = 1_764_000_000_000_000_000L;

    private TraceFixtures() {
    }

    /** Stores the checkout trace, spans and logs, through the real writer. */
    public static void store(TelemetryWriter writer) {
        Trace trace = checkout();
        writer.write(TelemetryBatch.ofSpans(trace.spans()));
        writer.write(TelemetryBatch.ofLogs(trace.logs()));
    }

    private static Resource resource(String service) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("service.name", service);
        attributes.put("service.version", "1.4.2");
        attributes.put("deployment.environment", "production");
        attributes.put("host.name", service + "-7d9f8c6b5-x2x4q");
        attributes.put("telemetry.sdk.language", "java");
        attributes.put("telemetry.sdk.name", "opentelemetry");
        attributes.put("telemetry.sdk.version", "1.68.0");
        return new Resource(Attributes.of(attributes), 0);
    }

    private static final class Builder {
        final TraceId traceId;
        final List<Span> spans = new ArrayList<>();
        final List<LogRecord> logs = new ArrayList<>();
        long next = 0x1000;

        Builder(TraceId traceId) {
            this.traceId = traceId;
        }

        SpanId span(SpanId parent, String service, String name, SpanKind kind, double startMs, double endMs,
                    Map<String, Object> attributes, List<SpanEvent> events, List<SpanLink> links, SpanStatus status) {
            SpanId id = new SpanId(next += 0x1111);
            spans.add(new Span(resource(service), new InstrumentationScope("io.opentelemetry." + kind.name().toLowerCase() + "-instrumentation", "2.21.0", Attributes.EMPTY, 0),
                    traceId, id, parent, "", 1, name, kind, ms(startMs), ms(endMs), Attributes.of(attributes), 0,
                    events, 0, links, 0, status));
            return id;
        }

        SpanId span(SpanId parent, String service, String name, SpanKind kind, double startMs, double endMs, Map<String, Object> attributes) {
            return span(parent, service, name, kind, startMs, endMs, attributes, List.of(), List.of(), SpanStatus.UNSET);
        }

        void log(String service, SpanId spanId, double atMs, int severity, String text, Object body) {
            logs.add(new LogRecord(resource(service), InstrumentationScope.EMPTY, ms(atMs), ms(atMs), severity, text, body,
                    Attributes.of(Map.of("thread.name", "http-nio-8080-exec-3")), 0, 1, traceId, spanId, ""));
        }

        Trace build() {
            return new Trace(traceId, spans, logs);
        }
    }

    static long ms(double millis) {
        return T0 + (long) (millis * 1_000_000);
    }

    static Trace checkout() {
        Builder b = new Builder(CHECKOUT);
        SpanId root = b.span(SpanId.NONE, "frontend", "POST /api/checkout", SpanKind.SERVER, 0, 912,
                Map.of("http.request.method", "POST", "http.route", "/api/checkout", "url.path", "/api/checkout",
                        "http.response.status_code", 500L, "user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)",
                        "client.address", "10.0.4.17"),
                List.of(), List.of(), new SpanStatus(StatusCode.ERROR, "HTTP 500"));
        b.log("frontend", root, 0.4, 9, "INFO", "checkout started for cart 8812 (3 items)");
        SpanId auth = b.span(root, "frontend", "AuthFilter.verifyToken", SpanKind.INTERNAL, 1, 6, Map.of("enduser.id", "u-20931"));
        b.span(auth, "frontend", "GET redis", SpanKind.CLIENT, 1.5, 4.8,
                Map.of("db.system.name", "redis", "db.operation.name", "GET", "server.address", "redis-session"));
        SpanId cartCall = b.span(root, "frontend", "GET /cart/{id}", SpanKind.CLIENT, 8, 64,
                Map.of("http.request.method", "GET", "server.address", "cart", "url.full", "http://cart:8080/cart/8812"));
        SpanId cart = b.span(cartCall, "checkout", "GET /cart/{id}", SpanKind.SERVER, 10, 62,
                Map.of("http.request.method", "GET", "http.route", "/cart/{id}", "http.response.status_code", 200L));
        b.span(cart, "checkout", "SELECT cart_items", SpanKind.CLIENT, 12, 58,
                Map.of("db.system.name", "postgresql", "db.query.text", "SELECT * FROM cart_items WHERE cart_id = ?",
                        "db.namespace", "shop"));
        b.span(cart, "checkout", HOSTILE, SpanKind.INTERNAL, 58.5, 60,
                Map.of("note", "<script>alert('attr')</script>", HOSTILE, "key is hostile too"));
        SpanId checkoutCall = b.span(root, "frontend", "POST /orders", SpanKind.CLIENT, 66, 905,
                Map.of("http.request.method", "POST", "server.address", "checkout", "http.response.status_code", 500L),
                List.of(), List.of(), new SpanStatus(StatusCode.ERROR, ""));
        SpanId orders = b.span(checkoutCall, "checkout", "POST /orders", SpanKind.SERVER, 68, 903,
                Map.of("http.request.method", "POST", "http.route", "/orders", "http.response.status_code", 500L),
                List.of(), List.of(), new SpanStatus(StatusCode.ERROR, "payment declined upstream"));
        b.log("checkout", orders, 69, 9, "INFO", "creating order for cart 8812");
        SpanId tx = b.span(orders, "checkout", "OrderService.placeOrder", SpanKind.INTERNAL, 70, 900, Map.of("order.items", 3L));
        b.span(tx, "checkout", "SELECT inventory", SpanKind.CLIENT, 72, 91,
                Map.of("db.system.name", "postgresql", "db.query.text", "SELECT sku, qty FROM inventory WHERE sku IN (?, ?, ?) FOR UPDATE"));
        SpanId slow = b.span(tx, "checkout", "UPDATE inventory", SpanKind.CLIENT, 92, 611,
                Map.of("db.system.name", "postgresql", "db.query.text", "UPDATE inventory SET qty = qty - ? WHERE sku = ?",
                        "db.response.returned_rows", 3L),
                List.of(new SpanEvent(ms(100), "lock wait", Attributes.of(Map.of("lock.mode", "RowExclusiveLock", "wait.ms", 503L)), 0)),
                List.of(), SpanStatus.UNSET);
        b.log("checkout", slow, 400, 13, "WARN", "slow query: UPDATE inventory took more than 250 ms");
        SpanId payCall = b.span(tx, "checkout", "POST /payments", SpanKind.CLIENT, 615, 880,
                Map.of("http.request.method", "POST", "server.address", "payments", "http.response.status_code", 402L),
                List.of(), List.of(), new SpanStatus(StatusCode.ERROR, ""));
        SpanId pay = b.span(payCall, "payments", "POST /payments", SpanKind.SERVER, 618, 878,
                Map.of("http.request.method", "POST", "http.route", "/payments", "http.response.status_code", 402L,
                        "payment.amount", 129.99, "payment.currency", "EUR"),
                List.of(new SpanEvent(ms(860), "exception", Attributes.of(Map.of(
                        "exception.type", "com.shop.payments.CardDeclinedException",
                        "exception.message", "card declined: insufficient funds <b>bold?</b>",
                        "exception.stacktrace", """
                                com.shop.payments.CardDeclinedException: card declined: insufficient funds <b>bold?</b>
                                \tat com.shop.payments.GatewayClient.charge(GatewayClient.java:88)
                                \tat com.shop.payments.PaymentService.authorize(PaymentService.java:41)
                                \tat com.shop.payments.PaymentController.pay(PaymentController.java:27)
                                \tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
                                \tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)
                                Caused by: java.io.IOException: gateway answered 402
                                \tat com.shop.payments.GatewayClient.read(GatewayClient.java:120)
                                \t... 4 more""",
                        "exception.escaped", true)), 0)),
                List.of(), new SpanStatus(StatusCode.ERROR, "card declined"));
        SpanId fraud = b.span(pay, "payments", "FraudCheck.score", SpanKind.INTERNAL, 620, 700, Map.of("fraud.score", 0.12));
        b.span(fraud, "payments", "GET redis", SpanKind.CLIENT, 621, 625, Map.of("db.system.name", "redis", "db.operation.name", "GET"));
        b.span(fraud, "payments", "POST fraud-model/predict", SpanKind.CLIENT, 627, 698, Map.of("server.address", "fraud-model"));
        b.span(pay, "payments", "POST gateway.example/charge", SpanKind.CLIENT, 702, 858,
                Map.of("server.address", "gateway.example", "http.response.status_code", 402L),
                List.of(), List.of(new SpanLink(TraceId.fromHex("7a1c0e0b8f3a4d2e9b6c5d4e3f2a1b0c"), new SpanId(0x42), "", Attributes.of(Map.of("link.reason", "retry of earlier attempt")), 0, 1)),
                SpanStatus.UNSET);
        b.log("payments", pay, 859, 17, "ERROR", "payment failed: card declined " + HOSTILE);
        b.span(pay, "payments", "INSERT payment_attempts", SpanKind.CLIENT, 862, 876,
                Map.of("db.system.name", "postgresql", "db.query.text", "INSERT INTO payment_attempts VALUES (?, ?, ?)"));
        b.log("checkout", tx, 885, 17, "ERROR", "order 8812 rolled back: payment declined");
        b.span(tx, "checkout", "ROLLBACK", SpanKind.CLIENT, 882, 889, Map.of("db.system.name", "postgresql"));
        b.span(root, "frontend", "render error page", SpanKind.INTERNAL, 906, 910, Map.of());
        b.span(new SpanId(0xdeadbeefL), "checkout", "async audit.publish", SpanKind.PRODUCER, 890, 899,
                Map.of("messaging.system", "kafka", "messaging.destination.name", "audit"));
        b.log("frontend", SpanId.NONE, 911, 9, "INFO", "request finished with 500");
        b.log("frontend", new SpanId(0x99), 911.5, 5, "DEBUG", Map.of("event", "metrics.flush", "count", 12L));
        return b.build();
    }

    /** A fan-out trace of {@code count} spans: a gateway calling services that each run a few queries. */
    public static Trace large(int count) {
        Builder b = new Builder(LARGE);
        Random random = new Random(42);
        double end = 4_800;
        SpanId root = b.span(SpanId.NONE, "gateway", "GET /reports/annual", SpanKind.SERVER, 0, end, Map.of("http.route", "/reports/annual"));
        String[] services = {"reports", "ledger", "accounts", "fx-rates", "storage"};
        List<SpanId> parents = new ArrayList<>(List.of(root));
        List<double[]> windows = new ArrayList<>();
        windows.add(new double[] {0, end});
        while (b.spans.size() < count) {
            int p = random.nextInt(Math.min(parents.size(), 1 + b.spans.size() / 3));
            double[] w = windows.get(p);
            double start = w[0] + random.nextDouble() * (w[1] - w[0]) * 0.8;
            double stop = Math.min(w[1], start + random.nextDouble() * (w[1] - start) * 0.6 + 0.05);
            String service = services[random.nextInt(services.length)];
            boolean db = random.nextInt(4) == 0;
            SpanStatus status = random.nextInt(200) == 0 ? new SpanStatus(StatusCode.ERROR, "timeout") : SpanStatus.UNSET;
            SpanId id = b.span(parents.get(p), service, db ? "SELECT entries" : "process batch " + b.spans.size(),
                    db ? SpanKind.CLIENT : SpanKind.INTERNAL, start, stop, Map.of("batch.index", (long) b.spans.size()),
                    List.of(), List.of(), status);
            if (!db) {
                parents.add(id);
                windows.add(new double[] {start, stop});
            }
            if (random.nextInt(50) == 0) {
                b.log(service, id, start, random.nextInt(10) == 0 ? 17 : 9, "", "processed batch " + b.spans.size());
            }
        }
        return b.build();
    }
}
