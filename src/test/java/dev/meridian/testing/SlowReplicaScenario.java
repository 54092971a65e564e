package dev.meridian.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * "Why is it slow", sent with the real OpenTelemetry SDK: {@code storefront} serves {@code GET /cart} by calling
 * {@code cart-service}, which queries one of three database replicas ({@code db.instance}). A request arrives
 * every 10 s over the last 30 minutes; during an incident ({@link #INCIDENT_START} to {@link #INCIDENT_END} ago)
 * every query on {@code replica-3} takes 700-900 ms and logs {@code slow query on replica-3 took N ms (rows=M)};
 * otherwise queries take 5-30 ms. Noise a comparison must see through: a random {@code feature.flag}, a
 * {@code user.id} per request, a log line in every request. Run {@link #main} against a running Meridian.
 */
public final class SlowReplicaScenario {

    public static final String ENTRY_SERVICE = "storefront";
    public static final String ENTRY_OPERATION = "GET /cart";
    public static final String DB_SERVICE = "cart-service";
    public static final String DB_OPERATION = "SELECT carts";
    public static final String SLOW_REPLICA = "replica-3";
    public static final Duration INCIDENT_START = Duration.ofMinutes(15);
    public static final Duration INCIDENT_END = Duration.ofMinutes(9);
    public static final long SLOW_MIN_MILLIS = 700;

    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    /** What was sent: the slow traces' ids (hex) and the incident's start and end. */
    public record Sent(List<String> slowTraceIds, Instant incidentStart, Instant incidentEnd, int traces) {
    }

    private final String grpcEndpoint;

    public SlowReplicaScenario(String grpcEndpoint) {
        this.grpcEndpoint = grpcEndpoint;
    }

    /** {@code [host [grpcPort]]}, default localhost 4317. */
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "localhost";
        String port = args.length > 1 ? args[1] : "4317";
        Sent sent = new SlowReplicaScenario("http://" + host + ":" + port).send(Instant.now());
        System.out.println("sent " + sent.traces() + " traces, " + sent.slowTraceIds().size() + " slow between "
                + sent.incidentStart() + " and " + sent.incidentEnd());
    }

    public Sent send(Instant now) {
        try (ShopScenario.ServiceSdk web = ShopScenario.ServiceSdk.grpc(ENTRY_SERVICE, grpcEndpoint);
             ShopScenario.ServiceSdk cart = ShopScenario.ServiceSdk.grpc(DB_SERVICE, grpcEndpoint)) {
            Random random = new Random(7);
            Instant incidentStart = now.minus(INCIDENT_START);
            Instant incidentEnd = now.minus(INCIDENT_END);
            List<String> slow = new ArrayList<>();
            int traces = 0;
            int i = 0;
            for (Instant t = now.minus(Duration.ofMinutes(30)); t.isBefore(now.minusSeconds(15)); t = t.plusSeconds(10), i++) {
                String replica = "replica-" + (1 + i % 3);
                boolean incident = !t.isBefore(incidentStart) && t.isBefore(incidentEnd);
                boolean isSlow = incident && SLOW_REPLICA.equals(replica);
                long dbMillis = isSlow ? SLOW_MIN_MILLIS + random.nextInt(200) : 5 + random.nextInt(25);
                String traceId = request(web, cart, t, replica, dbMillis, isSlow, random);
                if (isSlow) {
                    slow.add(traceId);
                }
                traces++;
            }
            return new Sent(List.copyOf(slow), incidentStart, incidentEnd, traces);
        }
    }

    private static String request(ShopScenario.ServiceSdk web, ShopScenario.ServiceSdk cart, Instant start,
                                  String replica, long dbMillis, boolean slow, Random random) {
        long t0 = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        long ms = 1_000_000L;
        long renderMillis = 2 + random.nextInt(6);
        long cartMillis = dbMillis + 4;
        long total = cartMillis + renderMillis + 4;
        Span root = web.tracer().spanBuilder(ENTRY_OPERATION).setSpanKind(SpanKind.SERVER).setNoParent()
                .setStartTimestamp(t0, TimeUnit.NANOSECONDS).setAttribute(METHOD, "GET").setAttribute(ROUTE, "/cart")
                .setAttribute(STATUS, 200L).setAttribute("user.id", "u-" + random.nextInt(100_000)).startSpan();
        Context rootContext = Context.root().with(root);
        Span call = web.tracer().spanBuilder("GET /api/cart").setSpanKind(SpanKind.CLIENT).setParent(rootContext)
                .setStartTimestamp(t0 + ms, TimeUnit.NANOSECONDS).startSpan();
        Span handler = cart.tracer().spanBuilder("GET /api/cart").setSpanKind(SpanKind.SERVER)
                .setParent(Context.root().with(call)).setStartTimestamp(t0 + 2 * ms, TimeUnit.NANOSECONDS)
                .setAttribute(ROUTE, "/api/cart").setAttribute(STATUS, 200L)
                .setAttribute("feature.flag", random.nextBoolean() ? "new-cart" : "old-cart").startSpan();
        Context handlerContext = Context.root().with(handler);
        Span db = cart.tracer().spanBuilder(DB_OPERATION).setSpanKind(SpanKind.CLIENT).setParent(handlerContext)
                .setStartTimestamp(t0 + 3 * ms, TimeUnit.NANOSECONDS).setAttribute("db.system", "postgresql")
                .setAttribute("db.instance", replica).setAttribute("db.query.text", "SELECT * FROM carts WHERE user_id = ?")
                .startSpan();
        if (slow) {
            cart.log(Context.root().with(db), t0 + (3 + dbMillis) * ms, Severity.WARN,
                    "slow query on " + replica + " took " + dbMillis + " ms (rows=" + (1 + random.nextInt(40)) + ")");
        }
        db.end(t0 + (3 + dbMillis) * ms, TimeUnit.NANOSECONDS);
        cart.log(handlerContext, t0 + (4 + dbMillis) * ms, Severity.INFO, "cart loaded with " + random.nextInt(20) + " items");
        handler.end(t0 + (2 + cartMillis) * ms, TimeUnit.NANOSECONDS);
        call.end(t0 + (3 + cartMillis) * ms, TimeUnit.NANOSECONDS);
        root.end(t0 + total * ms, TimeUnit.NANOSECONDS);
        return root.getSpanContext().getTraceId();
    }
}
