package dev.meridian.bench;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A fleet of services instrumented by OpenTelemetry SDKs, as the spans a collector would receive, in
 * arrival order. Every trace is one request to one service: a SERVER root and {@value #CLIENTS} CLIENT
 * spans (database, cache and HTTP calls), six attributes per span. Two big services carry
 * {@value #BIG_SHARE_PERCENT}% of the requests, the others share the rest. Root durations are
 * log-normal, clamped to 1–500 ms, with rare slow outliers (1–10 s). About 3% of traces fail (the root and
 * one call), and 1% of the other calls fail on their own: about 1.5% of spans.
 *
 * <p>A span arrives when the SDK's batch processor exports it: {@code end + U(0, 4 s)}. {@link #trace}
 * takes traces in start order and hands on, via {@link #emit}, every span that has arrived by then; an
 * SDK never sends a span before it ends, so nothing that arrives later can arrive earlier.
 */
final class Fleet {

    static final int CLIENTS = 7;
    static final int SPANS_PER_TRACE = 1 + CLIENTS;
    static final int BIG_SHARE_PERCENT = 70;
    static final long MS = 1_000_000L;
    static final long EXPORT_DELAY_NANOS = 4_000 * MS;

    /** Requests: "METHOD route"; the root's name. Cart routes carry {@code cart.size} (not indexed). */
    static final String[] REQUESTS = {"GET /api/cart", "POST /api/cart", "GET /api/products", "GET /api/products/{id}",
            "GET /api/orders/{id}", "POST /api/orders", "POST /api/checkout", "GET /api/users/{id}"};
    static final String CART_ROUTE = "/api/cart";
    /** Calls: name, db.system (null for HTTP), operation (db) or method (HTTP), peer. */
    private static final String[][] CALLS = {
            {"SELECT shop.carts", "postgresql", "SELECT", "db-1"},
            {"SELECT shop.products", "postgresql", "SELECT", "db-1"},
            {"UPDATE shop.carts", "postgresql", "UPDATE", "db-1"},
            {"INSERT shop.orders", "postgresql", "INSERT", "db-1"},
            {"GET", "redis", "GET", "cache-1"},
            {"GET", null, "GET", "inventory.internal"},
            {"POST", null, "POST", "payments.internal"}};
    private static final InstrumentationScope SERVER_SCOPE = scope("io.opentelemetry.spring-webmvc-6.1");
    private static final InstrumentationScope JDBC_SCOPE = scope("io.opentelemetry.jdbc");
    private static final InstrumentationScope REDIS_SCOPE = scope("io.opentelemetry.lettuce-5.1");
    private static final InstrumentationScope HTTP_SCOPE = scope("io.opentelemetry.java-http-client");

    /** A span and when the writer sees it (epoch millis). */
    record Arrival(long millis, Span span) {
    }

    private final SplittableRandom random;
    private final int services;
    private final List<List<Resource>> instances = new ArrayList<>();
    private final PriorityQueue<Arrival> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.millis(), b.millis()));
    private final Consumer<Arrival> emit;
    long errorSpans;

    Fleet(long seed, int services, Consumer<Arrival> emit) {
        if (services < 2) {
            throw new IllegalArgumentException("a fleet has at least the two big services, was " + services);
        }
        this.random = new SplittableRandom(seed);
        this.services = services;
        this.emit = emit;
        for (int s = 0; s < services; s++) {
            List<Resource> pods = new ArrayList<>();
            for (int pod = 0; pod < 3; pod++) {
                pods.add(new Resource(Attributes.of(Map.of("service.name", service(s), "service.version", "2.3." + s,
                        "service.instance.id", service(s) + "-7f9c-" + pod, "host.name", "node-" + (s * 3 + pod) % 17,
                        "telemetry.sdk.language", "java", "telemetry.sdk.name", "opentelemetry",
                        "telemetry.sdk.version", "1.44.1", "deployment.environment.name", "prod")), 0));
            }
            instances.add(pods);
        }
    }

    /** The name of service {@code s}; 0 and 1 are the big ones. */
    static String service(int s) {
        return "service-" + s;
    }

    /** Generates a trace whose root starts at {@code start} (not before the previous one) and emits what arrived. */
    void trace(long start) {
        drainBefore(start);
        int percent = random.nextInt(100);
        int service = percent < BIG_SHARE_PERCENT * 4 / 7 ? 0 : percent < BIG_SHARE_PERCENT ? 1
                : 2 + random.nextInt(services - 2);
        Resource resource = instances.get(service).get(random.nextInt(3));
        TraceId traceId = new TraceId(random.nextLong(), random.nextLong());
        String request = REQUESTS[random.nextInt(REQUESTS.length)];
        String method = request.substring(0, request.indexOf(' '));
        String route = request.substring(method.length() + 1);
        String userId = "user-" + random.nextInt(2_000_000);
        boolean failed = random.nextInt(100) < 3;
        int failedCall = random.nextInt(CLIENTS);
        long duration = (long) (Math.clamp(Math.exp(Math.log(25) + 0.9 * random.nextGaussian()), 1, 500) * MS);
        if (random.nextInt(1000) == 0) {
            duration = (1000 + random.nextLong(9000)) * MS;
        }
        long rootId = random.nextLong() | 1;
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.request.method", method);
        attributes.put("http.route", route);
        attributes.put("http.response.status_code", failed ? 500L : 200L);
        attributes.put("server.address", "shop.example.com");
        attributes.put("user.id", userId);
        if (route.equals(CART_ROUTE)) {
            attributes.put("cart.size", (long) random.nextInt(20));
        } else {
            attributes.put("url.scheme", "https");
        }
        add(new Span(resource, SERVER_SCOPE, traceId, new SpanId(rootId), SpanId.NONE, "", 1, request, SpanKind.SERVER,
                start, start + duration, Attributes.of(attributes), 0, List.of(), 0, List.of(), 0,
                failed ? new SpanStatus(StatusCode.ERROR, "") : SpanStatus.UNSET));
        for (int c = 0; c < CLIENTS; c++) {
            String[] call = CALLS[random.nextInt(CALLS.length)];
            long offset = (long) (duration * (0.02 + 0.8 * random.nextDouble()));
            long callDuration = Math.clamp((long) (Math.exp(Math.log(duration / 12.0) + 0.7 * random.nextGaussian())),
                    50_000L, Math.max(50_000L, duration - offset));
            boolean error = failed && c == failedCall || random.nextInt(100) == 0;
            Map<String, Object> callAttributes = new LinkedHashMap<>();
            if (call[1] != null) {
                callAttributes.put("db.system", call[1]);
                callAttributes.put("db.operation.name", call[2]);
                callAttributes.put("db.namespace", call[1].equals("redis") ? "0" : "shop");
                callAttributes.put("server.port", call[1].equals("redis") ? 6379L : 5432L);
            } else {
                callAttributes.put("http.request.method", call[2]);
                callAttributes.put("http.response.status_code", error ? 503L : 200L);
                callAttributes.put("server.port", 443L);
            }
            callAttributes.put("server.address", call[3]);
            callAttributes.put("user.id", userId);
            add(new Span(resource, call[1] == null ? HTTP_SCOPE : call[1].equals("redis") ? REDIS_SCOPE : JDBC_SCOPE,
                    traceId, new SpanId(random.nextLong() | 1), new SpanId(rootId), "", 1, call[0], SpanKind.CLIENT,
                    start + offset, start + offset + callDuration, Attributes.of(callAttributes), 0, List.of(), 0,
                    List.of(), 0, error ? new SpanStatus(StatusCode.ERROR, "") : SpanStatus.UNSET));
        }
    }

    /** Emits every span still in flight (the end of the replay). */
    void drain() {
        drainBefore(Long.MAX_VALUE);
    }

    private void add(Span span) {
        if (span.status().isError()) {
            errorSpans++;
        }
        long arrival = span.endNanos() + random.nextLong(EXPORT_DELAY_NANOS);
        inFlight.add(new Arrival(Math.floorDiv(arrival, MS), span));
    }

    private void drainBefore(long nanos) {
        long millis = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(nanos, MS);
        while (!inFlight.isEmpty() && inFlight.peek().millis() < millis) {
            emit.accept(inFlight.poll());
        }
    }

    private static InstrumentationScope scope(String name) {
        return new InstrumentationScope(name, "2.10.0-alpha", Attributes.EMPTY, 0);
    }
}
