package dev.meridian.bench;

import dev.meridian.query.LogSearch;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.jdbc.JdbcLogQueries;
import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.query.jdbc.JdbcTraceQueries;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Not a test: writes realistic spans (and one log per trace) through the JDBC writer in batches of
 * 1000 and prints ingest rate, file size per span and query latencies.
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.meridian.bench.StorageBenchmark [spans] [h2 settings]
 * </pre>
 */
public final class StorageBenchmark {

    static final int BATCH = 1000;
    static final int SERVICES = 10;
    static final long MS = 1_000_000L;
    static final long START = TimeRange.toNanos(java.time.Instant.parse("2026-11-25T10:00:00Z"));
    static final long SIMULATED = Duration.ofHours(1).toNanos();

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // as the default URL; the writer itself makes each batch durable (CHECKPOINT on H2)
        String settings = args.length > 1 ? args[1] : "CACHE_SIZE=65536";
        Path dir = Files.createTempDirectory("meridian-bench");
        System.out.printf("spans=%d settings=%s dir=%s%n", total, settings, dir);
        SplittableRandom random = new SplittableRandom(7);
        List<Resource> resources = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            resources.add(new Resource(Attributes.of(Map.of("service.name", "service-" + s, "service.version", "1.4." + s,
                    "host.name", "host-" + s, "telemetry.sdk.language", "java", "telemetry.sdk.name", "opentelemetry",
                    "telemetry.sdk.version", "1.68.0", "deployment.environment.name", "prod")), 0));
        }
        List<String> probeOrders = new ArrayList<>();
        List<TraceId> traceIds = new ArrayList<>();
        try (TestStore store = new TestStore(dir, settings)) {
            // left open on purpose: the database is shut down at the end
            long written = 0;
            long writeNanos = 0;
            long writeCpuNanos = 0;
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long traceNo = 0;
            while (written < total) {
                List<Span> spans = new ArrayList<>(BATCH + 16);
                List<LogRecord> logs = new ArrayList<>(BATCH / 8);
                while (spans.size() < BATCH) {
                    traceNo++;
                    long start = START + (long) ((double) written / total * SIMULATED) + random.nextLong(1000 * MS);
                    TraceId traceId = new TraceId(random.nextLong(), random.nextLong());
                    String orderId = "order-" + random.nextInt(10_000_000);
                    if (traceNo % 500 == 1) {
                        probeOrders.add(orderId);
                        traceIds.add(traceId);
                    }
                    trace(random, resources, traceId, start, orderId, spans);
                    logs.add(new LogRecord(resources.get(random.nextInt(SERVICES)), InstrumentationScope.EMPTY,
                            start + 5 * MS, start + 5 * MS, random.nextInt(10) == 0 ? 17 : 9, "INFO",
                            "processed " + orderId + " in " + random.nextInt(500) + " ms",
                            Attributes.of(Map.of("thread.name", "http-nio-" + random.nextInt(20))), 0, 1, traceId,
                            spans.getLast().spanId(), ""));
                }
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                store.writer.write(new TelemetryBatch(spans, logs, List.of()));
                writeNanos += System.nanoTime() - t0;
                writeCpuNanos += threads.getCurrentThreadCpuTime() - c0;
                written += spans.size();
                if (written % 100_000 < spans.size()) {
                    System.out.printf("  %,d spans, %.0f spans/s%n", written, written / (writeNanos / 1e9));
                }
            }
            long fileWhileIngesting = Files.size(dir.resolve("meridian.mv.db"));
            System.out.printf("INGEST: %,d spans in %.1f s = %.0f spans/s (writer time, incl. logs: 1 per trace)%n",
                    written, writeNanos / 1e9, written / (writeNanos / 1e9));
            System.out.printf("INGEST CPU: writer thread CPU %.1f s = %.0f spans per CPU-second (the machine was shared)%n",
                    writeCpuNanos / 1e9, written / (writeCpuNanos / 1e9));
            System.out.printf("FILE while ingesting: %,d bytes = %.0f B/span%n", fileWhileIngesting, (double) fileWhileIngesting / written);

            JdbcTraceQueries traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED);
            JdbcServiceQueries services = new JdbcServiceQueries(store.dataSource, store.dictionaries);
            JdbcLogQueries logQueries = new JdbcLogQueries(store.dataSource, store.dictionaries);
            TimeRange quarter = new TimeRange(START + SIMULATED / 2, START + SIMULATED / 2 + Duration.ofMinutes(15).toNanos());
            TimeRange hour = new TimeRange(START, START + SIMULATED);
            Map<String, java.util.function.IntFunction<Object>> queries = new LinkedHashMap<>();
            queries.put("trace by id", i -> traces.trace(traceIds.get((traceIds.size() / 2 + i) % traceIds.size())).orElseThrow());
            queries.put("slowest 20 of a service in 15 min", i -> traces.search(new TraceSearch("service-3", null, null, null,
                    null, List.of(), shift(quarter, i), 20, TraceSearch.Sort.DURATION)));
            queries.put("newest 20 of a service+operation in 15 min", i -> traces.search(new TraceSearch("service-3", "GET /api/orders/{id}",
                    null, null, null, List.of(), shift(quarter, i), 20, TraceSearch.Sort.TIME)));
            queries.put("errors of a service in 15 min", i -> traces.search(new TraceSearch("service-3", null, null, null,
                    TraceSearch.Status.ERROR, List.of(), shift(quarter, i), 20, TraceSearch.Sort.DURATION)));
            queries.put("order.id = X in 1 h (indexed)", i -> traces.search(new TraceSearch(null, null, null, null, null,
                    List.of(new TraceSearch.AttributeFilter("order.id", probeOrders.get((probeOrders.size() / 2 + i) % probeOrders.size()))), shift(hour, i), 20, TraceSearch.Sort.DURATION)));
            queries.put("slowest 20, all services, 15 min", i -> traces.search(new TraceSearch(null, null, null, null, null,
                    List.of(), shift(quarter, i), 20, TraceSearch.Sort.DURATION)));
            queries.put("cart.size = 3 of a service in 15 min (not indexed)", i -> traces.search(new TraceSearch("service-3", null, null, null, null,
                    List.of(new TraceSearch.AttributeFilter("cart.size", "3")), shift(quarter, i), 20, TraceSearch.Sort.DURATION)));
            queries.put("services() over 1 h (rollups)", i -> services.services(hour));
            queries.put("RED series of a service, 1 h, 1 min step", i -> services.series("service-3", null, shift(hour, i), Duration.ofMinutes(1)));
            queries.put("newest 100 logs of 1 h", i -> logQueries.search(new LogSearch(null, null, null, null, null, shift(hour, i), 100, null)));
            queries.put("logs q=order-1 of a service in 1 h", i -> logQueries.search(new LogSearch("service-3", null, "order-1", null, null, shift(hour, i), 100, null)));
            for (Map.Entry<String, java.util.function.IntFunction<Object>> query : queries.entrySet()) {
                long[] times = new long[7];
                Object result = null;
                for (int i = 0; i < times.length; i++) {
                    long t0 = System.nanoTime();
                    result = query.getValue().apply(i);
                    times[i] = System.nanoTime() - t0;
                }
                long first = times[0];
                Arrays.sort(times);
                System.out.printf("QUERY %-50s first %7.1f ms, median %7.1f ms  (%s)%n", query.getKey(), first / 1e6,
                        times[times.length / 2] / 1e6, describe(result));
            }
            var c = store.dataSource.getConnection();
            try (var st = c.createStatement()) {
                printTableSizes(st, List.of("SPAN_RUNS", "ATTRIBUTE_POSTINGS", "LOGS", "RED_ROLLUP", "SERVICE_ROLLUP", "RESOURCES"), written);
                try (var rs = st.executeQuery("SELECT SUM(OCTET_LENGTH(heads)), SUM(OCTET_LENGTH(details)), SUM(span_count),"
                        + " COUNT(*) FROM span_runs")) {
                    rs.next();
                    double spans = rs.getDouble(3);
                    System.out.printf("SPAN heads %.0f B/span, details %.0f B/span on average (encoded + zstd per run),"
                            + " %.1f spans/run%n", rs.getDouble(1) / spans, rs.getDouble(2) / spans, spans / rs.getDouble(4));
                }
                long beforeCompact = Files.size(dir.resolve("meridian.mv.db"));
                long t0 = System.nanoTime();
                st.execute("SHUTDOWN COMPACT");
                System.out.printf("FILE before compact %,d, after SHUTDOWN COMPACT (%.1f s): %,d bytes = %.0f B/span%n", beforeCompact,
                        (System.nanoTime() - t0) / 1e9, Files.size(dir.resolve("meridian.mv.db")),
                        Files.size(dir.resolve("meridian.mv.db")) / (double) written);
            }
            try {
                c.close();
            } catch (java.sql.SQLException expected) {
                // the database was shut down above
            }
        }
        long fileAfterClose = Files.size(dir.resolve("meridian.mv.db"));
        System.out.printf("FILE after close: %,d bytes = %.0f B/span%n", fileAfterClose, (double) fileAfterClose / total);
    }

    /** H2's DISK_SPACE_USED of each table, per span. */
    static void printTableSizes(java.sql.Statement st, List<String> tables, long spans) throws java.sql.SQLException {
        for (String table : tables) {
            try (var rs = st.executeQuery("SELECT DISK_SPACE_USED('" + table + "')")) {
                rs.next();
                System.out.printf("TABLE %-16s %,14d bytes = %6.1f B/span%n", table, rs.getLong(1), rs.getLong(1) / (double) spans);
            }
        }
    }

    /** The window moved by i seconds: every run is a different query, so H2 cannot answer from its result cache. */
    static TimeRange shift(TimeRange range, int i) {
        return new TimeRange(range.startNanos() + i * 1_000_000_000L, range.endNanos() + i * 1_000_000_000L);
    }

    static String describe(Object result) {
        return result instanceof List<?> list ? list.size() + " rows" : "found";
    }

    static final String[] OPERATIONS = {"GET /api/orders/{id}", "POST /api/orders", "GET /api/products", "GET /api/cart",
            "POST /api/checkout", "GET /health"};

    /** A trace of 4-16 spans: a SERVER root, CLIENT/SERVER hops to other services, DB calls, internal spans. */
    public static void trace(SplittableRandom random, List<Resource> resources, TraceId traceId, long start, String orderId,
                      List<Span> out) {
        int services = random.nextInt(SERVICES);
        int spans = 4 + random.nextInt(13);
        long rootDuration = (long) (Math.exp(Math.log(40) + random.nextGaussian()) * MS) + spans * MS;
        boolean error = random.nextInt(50) == 0;
        String operation = OPERATIONS[random.nextInt(OPERATIONS.length)];
        long parent = 0;
        for (int i = 0; i < spans; i++) {
            long spanId = random.nextLong() | 1;
            Resource resource = resources.get((services + i / 4) % SERVICES);
            SpanKind kind = i == 0 || i % 4 == 0 ? SpanKind.SERVER : i % 4 == 1 ? SpanKind.INTERNAL : SpanKind.CLIENT;
            long offset = i == 0 ? 0 : random.nextLong(rootDuration / 2);
            long duration = i == 0 ? rootDuration : Math.max(MS / 10, random.nextLong(Math.max(1, rootDuration - offset)));
            Map<String, Object> attributes = new LinkedHashMap<>();
            String name;
            if (kind == SpanKind.SERVER) {
                name = operation;
                attributes.put("http.request.method", operation.substring(0, operation.indexOf(' ')));
                attributes.put("http.route", operation.substring(operation.indexOf(' ') + 1));
                attributes.put("url.path", operation.substring(operation.indexOf(' ') + 1).replace("{id}", orderId));
                attributes.put("http.response.status_code", error && i == 0 ? 500L : 200L);
                attributes.put("server.address", "shop.example.com");
                attributes.put("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0");
                attributes.put("client.address", "10.0." + random.nextInt(256) + "." + random.nextInt(256));
                attributes.put("order.id", orderId);
                attributes.put("cart.size", (long) random.nextInt(10));
            } else if (kind == SpanKind.CLIENT) {
                name = "SELECT shop.orders";
                attributes.put("db.system", "postgresql");
                attributes.put("db.namespace", "shop");
                attributes.put("db.query.text", "SELECT id, status, total FROM orders WHERE id = ?");
                attributes.put("db.operation.name", "SELECT");
                attributes.put("server.address", "db-1");
                attributes.put("server.port", 5432L);
                attributes.put("thread.name", "http-nio-8080-exec-" + random.nextInt(20));
                attributes.put("thread.id", (long) random.nextInt(200));
            } else {
                name = "OrderService.load";
                attributes.put("code.function", "load");
                attributes.put("code.namespace", "com.example.shop.OrderService");
                attributes.put("thread.name", "http-nio-8080-exec-" + random.nextInt(20));
                attributes.put("order.id", orderId);
            }
            List<SpanEvent> events = error && i == 0 ? List.of(new SpanEvent(start + duration - MS, "exception",
                    Attributes.of(Map.of("exception.type", "java.lang.IllegalStateException",
                            "exception.message", "payment declined for " + orderId)), 0)) : List.of();
            out.add(new Span(resource, new InstrumentationScope("io.opentelemetry.spring-webmvc-6.0", "2.10.0-alpha", Attributes.EMPTY, 0),
                    traceId, new SpanId(spanId), new SpanId(parent), "", 1, name, kind, start + offset,
                    start + offset + duration, Attributes.of(attributes), 0, events, 0, List.of(), 0,
                    error && i == 0 ? new SpanStatus(StatusCode.ERROR, "payment declined") : SpanStatus.UNSET));
            if (i == 0) {
                parent = spanId;
            }
        }
    }
}
