package dev.meridian.storage.jdbc;

import dev.meridian.query.QueryLimits;
import dev.meridian.query.ServiceMap;
import dev.meridian.query.jdbc.JdbcServiceMapQueries;
import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.storage.rollup.RollupCompactor;
import dev.meridian.storage.rollup.RollupSettings;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints (never asserts) what the service map costs: (1) the pairing step of the writer per span, in memory,
 * on two load shapes: the load generator's (1 SERVER + 7 CLIENT spans per trace, half of them database calls,
 * the rest never answered: the worst case, every HTTP client span waits and expires) and a call chain of 4
 * services (every CLIENT answered by a SERVER span that arrives in the batch before); (2) the edge rollup merge
 * per batch; (3) {@code serviceMap} over 24 h with {@code services} services and {@code 2 × services} edges,
 * from minute rows and after compaction.
 * {@code java -cp … dev.meridian.storage.jdbc.ServiceMapBenchmark [services]}
 */
public final class ServiceMapBenchmark {

    private static final Resource[] RESOURCES = new Resource[64];

    private ServiceMapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        for (int i = 0; i < RESOURCES.length; i++) {
            RESOURCES[i] = new Resource(Attributes.of(java.util.Map.of("service.name", "svc-" + i)), 0);
        }
        for (int round = 0; round < 3; round++) {
            pairing("generator shape", ServiceMapBenchmark::generatorTrace);
            pairing("call chain of 4 services", ServiceMapBenchmark::chainTrace);
        }
        Path dir = Files.createTempDirectory("map-bench");
        try (TestStore store = new TestStore(dir)) {
            edgeMerge(store);
            mapQuery(store, services);
        }
    }

    interface Shape {
        void trace(long id, long startNanos, List<Span> callers, List<Span> callees);
    }

    private static Span span(int service, long traceId, long spanId, long parent, SpanKind kind, long start, long nanos,
                             Attributes attributes) {
        return new Span(RESOURCES[service], InstrumentationScope.EMPTY, new TraceId(traceId, traceId), new SpanId(spanId),
                new SpanId(parent), "", 1, "op", kind, start, start + nanos, attributes, 0, List.of(), 0, List.of(), 0,
                new SpanStatus(StatusCode.UNSET, ""));
    }

    private static final Attributes DB = Attributes.of(java.util.Map.of("db.system", "postgresql"));

    static void generatorTrace(long id, long start, List<Span> callers, List<Span> callees) {
        int service = (int) (id % 8);
        callers.add(span(service, id, 1, 0, SpanKind.SERVER, start, 50_000_000, Attributes.EMPTY));
        for (int i = 0; i < 7; i++) {
            callers.add(span(service, id, 2 + i, 1, SpanKind.CLIENT, start + i, 5_000_000, i % 2 == 0 ? DB : Attributes.EMPTY));
        }
    }

    static void chainTrace(long id, long start, List<Span> callers, List<Span> callees) {
        callers.add(span(0, id, 1, 0, SpanKind.SERVER, start, 50_000_000, Attributes.EMPTY));
        for (int hop = 0; hop < 3; hop++) {
            long client = 10 + hop * 2;
            long parent = hop == 0 ? 1 : client - 1;
            callers.add(span(hop, id, client, parent, SpanKind.CLIENT, start + hop, 40_000_000, Attributes.EMPTY));
            callees.add(span(hop + 1, id, client + 1, client, SpanKind.SERVER, start + hop + 1, 30_000_000, Attributes.EMPTY));
        }
        callers.add(span(3, id, 99, 15, SpanKind.CLIENT, start + 5, 3_000_000, DB));
    }

    /** 2M spans in batches of 1,000 arriving at 50,000 spans/s; callees one batch before their callers. */
    static void pairing(String name, Shape shape) {
        CallPairing pairing = CallPairing.defaults();
        List<Span> spans = new ArrayList<>();
        List<Span> pending = new ArrayList<>();
        long total = 0;
        long calls = 0;
        long elapsed = 0;
        long now = 0;
        long trace = 1;
        while (total < 2_000_000) {
            List<Span> callers = new ArrayList<>();
            List<Span> callees = new ArrayList<>();
            while (callers.size() + callees.size() < 1000) {
                shape.trace(trace++, now, callers, callees);
            }
            spans.clear();
            spans.addAll(pending);
            spans.addAll(callees);
            pending = callers;
            int[] ids = new int[spans.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Integer.parseInt(spans.get(i).serviceName().substring(4));
            }
            long t0 = System.nanoTime();
            CallPairing.Staged staged = pairing.stage(spans, ids, now);
            EdgeRollups edges = new EdgeRollups();
            staged.calls().forEach(edges::add);
            pairing.commit(staged);
            elapsed += System.nanoTime() - t0;
            calls += staged.calls().size();
            total += spans.size();
            now += spans.size() * 20_000L; // 50,000 spans/s
        }
        CallPairing.Stats stats = pairing.stats();
        System.out.printf("pairing, %s: %.0f ns/span (%d spans, %d calls; held %d, expired %d, dropped %d)%n", name,
                (double) elapsed / total, total, calls, stats.waiting(), stats.expired(), stats.dropped());
    }

    /** The merge of a batch's edge cells: read-merge-write of each (caller, callee, minute) row. */
    static void edgeMerge(TestStore store) throws Exception {
        for (int round = 0; round < 3; round++) {
            long elapsed = 0;
            int batches = 200;
            for (int b = 0; b < batches; b++) {
                EdgeRollups edges = new EdgeRollups();
                for (int e = 0; e < 20; e++) { // 20 edges of one minute per batch
                    for (int c = 0; c < 10; c++) {
                        edges.add(new CallPairing.Call(e, e + 1, (1_000_000L + b / 50) * 60_000_000_000L, 1_000_000L * (c + 1), c == 0));
                    }
                }
                try (Connection connection = store.dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    long t0 = System.nanoTime();
                    edges.merge(connection, store.dialect);
                    elapsed += System.nanoTime() - t0;
                    connection.commit();
                }
            }
            System.out.printf("edge merge, 20 edges per batch: %.0f µs per batch (%.2f µs per span at 1,000 spans/batch)%n",
                    elapsed / 1000.0 / batches, elapsed / 1000.0 / batches / 1000);
        }
    }

    /** 24 h of minute rows for `services` services and 2 × services edges, read as a map, then compacted. */
    static void mapQuery(TestStore store, int services) throws Exception {
        long end = Instant.parse("2026-11-30T12:00:00Z").getEpochSecond() / 60;
        long start = end - 24 * 60;
        SplittableRandom random = new SplittableRandom(1);
        try (Connection connection = store.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int s = 0; s < services; s++) {
                store.dictionaries.services().idForWrite(connection, "map-svc-" + s, end * 60_000_000_000L);
            }
            store.dictionaries.flush(connection);
            connection.commit();
            store.dictionaries.commit();
            try (PreparedStatement service = connection.prepareStatement(store.dialect.upsert("service_rollup",
                    RollupRows.SERVICE_KEYS, RollupRows.SERVICE_VALUES));
                 PreparedStatement edge = connection.prepareStatement(store.dialect.upsert("edge_rollup",
                         RollupRows.EDGE_KEYS, RollupRows.EDGE_VALUES))) {
                for (long minute = start; minute < end; minute++) {
                    for (int s = 0; s < services; s++) {
                        int id = store.dictionaries.services().find("map-svc-" + s).orElseThrow();
                        org.HdrHistogram.Histogram h = HistogramCodec.newHistogram();
                        for (int i = 0; i < 50; i++) {
                            h.recordValue(1000 + random.nextInt(200_000));
                        }
                        RollupRows.bindService(service, id, minute, 200, 50, 1, h);
                        service.addBatch();
                        for (int k = 1; k <= 2; k++) {
                            int target = store.dictionaries.services().find("map-svc-" + ((s + k) % services)).orElseThrow();
                            RollupRows.bindEdge(edge, id, target, minute, 50, 1, h);
                            edge.addBatch();
                        }
                    }
                    service.executeBatch();
                    edge.executeBatch();
                }
            }
            connection.commit();
        }
        JdbcServiceQueries red = new JdbcServiceQueries(store.dataSource, store.dictionaries);
        JdbcServiceMapQueries map = new JdbcServiceMapQueries(store.dataSource, store.dictionaries, red, QueryLimits.DEFAULTS);
        TimeRange day = new TimeRange(start * 60_000_000_000L, end * 60_000_000_000L);
        time("service map, 24 h, minute rows (" + services + " services, " + 2 * services + " edges, "
                + 24 * 60 * 3 * services + " rows)", () -> map.serviceMap(day));
        Clock after = Clock.fixed(Instant.ofEpochSecond(end * 60 + 3600), ZoneOffset.UTC);
        RollupCompactor compactor = new RollupCompactor(store.dataSource, store.dialect, after, RollupSettings.defaults());
        for (int i = 0; i < 5; i++) {
            compactor.compact();
        }
        time("service map, 24 h, after compaction", () -> map.serviceMap(day));
        TimeRange hour = new TimeRange((end - 60) * 60_000_000_000L, end * 60_000_000_000L);
        time("service map, last hour", () -> map.serviceMap(hour));
    }

    private static void time(String name, java.util.function.Supplier<ServiceMap> query) {
        ServiceMap result = null;
        long[] samples = new long[7];
        for (int i = 0; i < samples.length; i++) {
            long t0 = System.nanoTime();
            result = query.get();
            samples[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(samples);
        System.out.printf("%s: median %.1f ms, min %.1f ms, max %.1f ms (%d nodes, %d edges)%n", name, samples[3] / 1e6,
                samples[0] / 1e6, samples[6] / 1e6, result.nodes().size(), result.edges().size());
    }
}
