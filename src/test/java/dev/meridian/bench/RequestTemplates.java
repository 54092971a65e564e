package dev.meridian.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import com.google.protobuf.ByteString;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * What a fleet of Java services instrumented with the OpenTelemetry agent sends, as request templates built
 * with the OTLP protobuf classes.
 *
 * <p>A trace is 8 spans of one service: a SERVER root ({@code GET /api/products/{id}}…) and 7 CLIENT calls
 * inside it (HTTP to other services, PostgreSQL, Redis), each span with 6 attributes, {@code user.id} on the root
 * and {@code order.id} on the calls (both patched per trace, so high-cardinality). Root durations are
 * log-normal (median 20 ms, 1–500 ms) with 0.3% slow outliers of 1–4 s; the calls sit one after another
 * inside the root. About 1.5% of spans have status ERROR, and 2% of roots answer 404. One request holds one
 * service's resource (one SDK process), its spans grouped by instrumentation scope as the SDK groups them.
 */
final class RequestTemplates {

    static final int SPANS_PER_TRACE = 8;
    static final List<String> VALUE_KEYS = List.of("user.id", "order.id");
    static final double ERROR_RATE = 0.015;

    private static final ByteString TRACE_ID = ByteString.copyFrom(new byte[16]);
    private static final ByteString SPAN_ID = ByteString.copyFrom(new byte[8]);
    private static final long PLACEHOLDER_TIME = 1; // zero would not be serialized
    private static final int USER_DIGITS = 7;
    private static final int ORDER_DIGITS = 10;
    private static final int SAMPLED_NOT_REMOTE = 0x101; // TraceFlags.SAMPLED | CONTEXT_HAS_IS_REMOTE_MASK
    private static final String SCHEMA = "https://opentelemetry.io/schemas/1.24.0";

    private static final String[] NAMES = {"frontend", "cart", "checkout", "catalog", "payment", "shipping",
            "inventory", "users", "orders", "recommendation", "search", "notification"};
    private static final List<InstrumentationScope> SCOPES = List.of(scope("io.opentelemetry.tomcat-10.0"),
            scope("io.opentelemetry.java-http-client"), scope("io.opentelemetry.jdbc"), scope("io.opentelemetry.lettuce-5.1"));
    private static final int SERVER = 0;
    private static final int HTTP = 1;
    private static final int DB = 2;
    private static final int CACHE = 3;

    private record Route(String method, String route, int weight) {
    }

    private static final List<Route> ROUTES = List.of(new Route("GET", "/api/products", 20),
            new Route("GET", "/api/products/{id}", 30), new Route("GET", "/api/cart", 15),
            new Route("POST", "/api/cart/items", 10), new Route("POST", "/api/checkout", 5),
            new Route("GET", "/api/orders/{id}", 10), new Route("GET", "/api/search", 8), new Route("DELETE", "/api/cart/items/{id}", 2));
    private static final String[] PEERS = {"inventory", "pricing", "payment", "shipping", "users", "recommendation"};
    private static final String[] TABLES = {"products", "orders", "carts", "users", "reviews", "stock"};
    private static final String[] SQL = {"SELECT", "SELECT", "SELECT", "UPDATE", "INSERT"};

    private final SplittableRandom random;
    private final int services;

    RequestTemplates(long seed, int services) {
        this.random = new SplittableRandom(seed);
        this.services = services;
    }

    static String serviceName(int service) {
        return NAMES[service % NAMES.length] + (service < NAMES.length ? "" : "-" + service / NAMES.length);
    }

    /** The phases requests of {@code batch} spans start at: which span of its trace a request's first span is. */
    static List<Integer> phases(int batch) {
        List<Integer> phases = new ArrayList<>();
        for (int k = 0; k < SPANS_PER_TRACE; k++) {
            int phase = (int) ((long) k * batch % SPANS_PER_TRACE);
            if (!phases.contains(phase)) {
                phases.add(phase);
            }
        }
        return phases;
    }

    /** {@code perService} templates for each service (each its own SDK instance) starting at {@code phase}. */
    List<RequestTemplate> build(int phase, int batch, int perService) {
        List<RequestTemplate> templates = new ArrayList<>();
        for (int t = 0; t < perService * services; t++) {
            templates.add(template(t % services, phase, batch));
        }
        return templates;
    }

    /** One trace's shape: route, root duration, outcome and the 7 calls. */
    private final class Shape {
        final Route route = route();
        final long rootDuration = rootDuration();
        final boolean rootError = random.nextDouble() < ERROR_RATE;
        final int status = rootError ? 500 : random.nextDouble() < 0.02 ? 404 : 200;
    }

    private RequestTemplate template(int service, int phase, int batch) {
        String name = serviceName(service);
        List<List<Span>> byScope = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<int[]> scopeAndIndex = new ArrayList<>();
        List<RequestTemplate.Slot> slots = new ArrayList<>();
        Shape trace = null;
        for (int i = 0; i < batch; i++) {
            int role = (phase + i) % SPANS_PER_TRACE;
            if (role == 0 || trace == null) {
                trace = new Shape(); // trace == null: the request goes on with the calls of a trace begun in the previous one
            }
            Span span;
            int scope;
            if (role == 0) {
                span = root(name, trace);
                scope = SERVER;
                slots.add(new RequestTemplate.Slot(true, trace.rootDuration, 0, 1, USER_DIGITS));
            } else {
                scope = switch (random.nextInt(10)) {
                    case 0, 1, 2, 3 -> HTTP;
                    case 4, 5, 6, 7 -> DB;
                    default -> CACHE;
                };
                span = call(scope);
                double segment = 0.92 / (SPANS_PER_TRACE - 1);
                double start = 0.04 + segment * (role - 1) + segment * 0.2 * random.nextDouble();
                slots.add(new RequestTemplate.Slot(false, 0, start, segment * (0.3 + 0.5 * random.nextDouble()), ORDER_DIGITS));
            }
            scopeAndIndex.add(new int[] {scope, byScope.get(scope).size()});
            byScope.get(scope).add(span);
        }
        ResourceSpans.Builder resourceSpans = ResourceSpans.newBuilder().setResource(resource(name)).setSchemaUrl(SCHEMA);
        int[] firstOnWire = new int[SCOPES.size()];
        for (int s = 0, wire = 0; s < SCOPES.size(); s++) {
            firstOnWire[s] = wire;
            wire += byScope.get(s).size();
            if (!byScope.get(s).isEmpty()) {
                resourceSpans.addScopeSpans(ScopeSpans.newBuilder().setScope(SCOPES.get(s)).setSchemaUrl(SCHEMA)
                        .addAllSpans(byScope.get(s)));
            }
        }
        int[] wireToSlot = new int[batch];
        for (int slot = 0; slot < batch; slot++) {
            int[] at = scopeAndIndex.get(slot);
            wireToSlot[firstOnWire[at[0]] + at[1]] = slot;
        }
        byte[] bytes = ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans).build().toByteArray();
        return new RequestTemplate(bytes, name, slots, wireToSlot, VALUE_KEYS);
    }

    private Span root(String service, Shape trace) {
        Span.Builder span = span(trace.route.method + " " + trace.route.route, Span.SpanKind.SPAN_KIND_SERVER, false)
                .addAttributes(string("http.request.method", trace.route.method))
                .addAttributes(string("http.route", trace.route.route))
                .addAttributes(integer("http.response.status_code", trace.status))
                .addAttributes(string("server.address", service + ".shop.example.com"))
                .addAttributes(string("url.scheme", "https"))
                .addAttributes(string("user.id", "user-" + "0".repeat(USER_DIGITS)));
        if (trace.rootError) {
            span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
        }
        return span.build();
    }

    private Span call(int scope) {
        boolean error = random.nextDouble() < ERROR_RATE;
        String orderId = "ORD-" + "0".repeat(ORDER_DIGITS);
        Span.Builder span;
        switch (scope) {
            case HTTP -> {
                String peer = PEERS[random.nextInt(PEERS.length)];
                String method = random.nextInt(4) == 0 ? "POST" : "GET";
                span = span(method, Span.SpanKind.SPAN_KIND_CLIENT, true)
                        .addAttributes(string("http.request.method", method))
                        .addAttributes(string("net.peer.name", peer + ".internal"))
                        .addAttributes(integer("net.peer.port", 8080))
                        .addAttributes(integer("http.response.status_code", error ? 503 : 200))
                        .addAttributes(string("url.full", "http://" + peer + ".internal:8080/" + peer + "/v2/items"))
                        .addAttributes(string("order.id", orderId));
            }
            case DB -> {
                String table = TABLES[random.nextInt(TABLES.length)];
                String operation = SQL[random.nextInt(SQL.length)];
                String statement = switch (operation) {
                    case "SELECT" -> "SELECT id, sku, quantity, price, updated_at FROM " + table + " WHERE id = ?";
                    case "UPDATE" -> "UPDATE " + table + " SET quantity = ?, updated_at = ? WHERE id = ?";
                    default -> "INSERT INTO " + table + " (id, sku, quantity, price) VALUES (?, ?, ?, ?)";
                };
                span = span(operation + " shop." + table, Span.SpanKind.SPAN_KIND_CLIENT, true)
                        .addAttributes(string("db.system", "postgresql"))
                        .addAttributes(string("db.name", "shop"))
                        .addAttributes(string("db.operation", operation))
                        .addAttributes(string("db.statement", statement))
                        .addAttributes(string("net.peer.name", "shop-db.internal"))
                        .addAttributes(string("order.id", orderId));
            }
            default -> {
                String operation = random.nextInt(3) == 0 ? "SET" : "GET";
                span = span(operation, Span.SpanKind.SPAN_KIND_CLIENT, true)
                        .addAttributes(string("db.system", "redis"))
                        .addAttributes(string("db.operation", operation))
                        .addAttributes(string("db.statement", operation + " cart:?"))
                        .addAttributes(string("net.peer.name", "redis.internal"))
                        .addAttributes(integer("net.peer.port", 6379))
                        .addAttributes(string("order.id", orderId));
            }
        }
        if (error) {
            span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage(scope == HTTP ? "" : "connection timed out"));
        }
        return span.build();
    }

    private static Span.Builder span(String name, Span.SpanKind kind, boolean child) {
        Span.Builder span = Span.newBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID).setName(name).setKind(kind)
                .setStartTimeUnixNano(PLACEHOLDER_TIME).setEndTimeUnixNano(PLACEHOLDER_TIME).setFlags(SAMPLED_NOT_REMOTE);
        return child ? span.setParentSpanId(SPAN_ID) : span;
    }

    private Route route() {
        int pick = random.nextInt(ROUTES.stream().mapToInt(Route::weight).sum());
        for (Route route : ROUTES) {
            pick -= route.weight;
            if (pick < 0) {
                return route;
            }
        }
        throw new AssertionError();
    }

    private long rootDuration() {
        if (random.nextDouble() < 0.003) {
            return 1_000_000_000L + random.nextLong(3_000_000_000L);
        }
        double millis = Math.exp(Math.log(20) + 0.9 * random.nextGaussian());
        return (long) (Math.clamp(millis, 1, 500) * 1_000_000);
    }

    private Resource resource(String service) {
        String instance = new UUID(random.nextLong(), random.nextLong()).toString();
        String pod = service + "-" + Integer.toHexString(random.nextInt(1 << 20)) + "-" + Integer.toHexString(random.nextInt(1 << 16));
        return Resource.newBuilder()
                .addAttributes(string("service.name", service))
                .addAttributes(string("service.version", "1.4." + random.nextInt(10)))
                .addAttributes(string("service.namespace", "shop"))
                .addAttributes(string("service.instance.id", instance))
                .addAttributes(string("deployment.environment.name", "prod"))
                .addAttributes(string("host.name", pod))
                .addAttributes(string("host.arch", "amd64"))
                .addAttributes(string("os.type", "linux"))
                .addAttributes(string("os.description", "Linux 6.8.0-1019-aws"))
                .addAttributes(integer("process.pid", 1))
                .addAttributes(string("process.runtime.name", "OpenJDK Runtime Environment"))
                .addAttributes(string("process.runtime.version", "21.0.5+11-LTS"))
                .addAttributes(string("telemetry.sdk.language", "java"))
                .addAttributes(string("telemetry.sdk.name", "opentelemetry"))
                .addAttributes(string("telemetry.sdk.version", "1.44.1"))
                .addAttributes(string("telemetry.distro.name", "opentelemetry-java-instrumentation"))
                .addAttributes(string("telemetry.distro.version", "2.10.0"))
                .build();
    }

    private static InstrumentationScope scope(String name) {
        return InstrumentationScope.newBuilder().setName(name).setVersion("2.10.0-alpha").build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
