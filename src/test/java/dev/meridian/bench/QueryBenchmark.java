package dev.meridian.bench;

import dev.meridian.query.RedPoint;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSearch.AttributeFilter;
import dev.meridian.query.TraceSearch.Sort;
import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.query.jdbc.JdbcTraceQueries;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Not a test: query latencies at production volume. Populates an H2 file with a {@link Fleet}'s spans
 * through {@code writer.apply} in transactions of {@value #BATCH} spans, keyed by their simulated arrival,
 * {@code --recent} of them (default 15%: 1.5M of 10M) in the last 15 minutes and the rest over the
 * {@code --days} before; then times the queries behind the UI's screens with "now" at the end of the data.
 * <pre>
 * ./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.meridian.bench.QueryBenchmark \
 *     [--spans 10000000] [--recent N] [--services 10] [--days 1] [--settings CACHE_SIZE=16384] \
 *     [--dir PATH [--skip-populate]] [--runs 15] [--budget-s 60] [--seed 1]
 * </pre>
 * Each query runs {@code --runs} times after {@value #WARM_UPS} warm-ups; one that takes longer than
 * {@code --budget-s} in all runs fewer times (at least {@value #MIN_RUNS}).
 * {@code --dir} names the H2 directory (new or empty unless {@code --skip-populate}, which re-runs the
 * queries on a directory populated before; the data's shape is read from its {@value #META}).
 */
public final class QueryBenchmark {

    static final int BATCH = 50_000;
    static final String META = "qbench.properties";
    static final int WARM_UPS = 2;
    static final int MIN_RUNS = 3;
    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final Duration RECENT = Duration.ofMinutes(15);
    /** Where the data ends: "now" of the queries. Not a whole minute, as "now" rarely is. */
    static final long DEFAULT_END = TimeRange.toNanos(Instant.parse("2026-11-30T12:00:37.250Z"));

    /** The data's shape; stored next to the database so that queries can run again on it. */
    record Shape(long spans, long recent, int services, int days, long endNanos, long seed) {

        Properties toProperties() {
            Properties p = new Properties();
            p.setProperty("spans", Long.toString(spans));
            p.setProperty("recent", Long.toString(recent));
            p.setProperty("services", Integer.toString(services));
            p.setProperty("days", Integer.toString(days));
            p.setProperty("end", TimeRange.toInstant(endNanos).toString());
            p.setProperty("seed", Long.toString(seed));
            return p;
        }

        static Shape of(Properties p) {
            return new Shape(Long.parseLong(p.getProperty("spans")), Long.parseLong(p.getProperty("recent")),
                    Integer.parseInt(p.getProperty("services")), Integer.parseInt(p.getProperty("days")),
                    TimeRange.toNanos(Instant.parse(p.getProperty("end"))), Long.parseLong(p.getProperty("seed")));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String settings = options.getOrDefault("settings", "CACHE_SIZE=16384"); // as application.properties
        int runs = Integer.parseInt(options.getOrDefault("runs", "15"));
        long budgetNanos = Long.parseLong(options.getOrDefault("budget-s", "60")) * SECOND;
        Path dir = options.containsKey("dir") ? Path.of(options.get("dir")) : Files.createTempDirectory("meridian-qbench");
        Shape shape;
        if (options.containsKey("skip-populate")) {
            if (!Files.exists(dir.resolve(META))) {
                throw new IllegalArgumentException(dir + " has no " + META + ": populate it first (without --skip-populate)");
            }
            try (Reader in = Files.newBufferedReader(dir.resolve(META))) {
                Properties p = new Properties();
                p.load(in);
                shape = Shape.of(p);
            }
        } else {
            long spans = Long.parseLong(options.getOrDefault("spans", "10000000"));
            shape = new Shape(spans, Long.parseLong(options.getOrDefault("recent", Long.toString(spans * 15 / 100))),
                    Integer.parseInt(options.getOrDefault("services", "10")),
                    Integer.parseInt(options.getOrDefault("days", "1")), DEFAULT_END,
                    Long.parseLong(options.getOrDefault("seed", "1")));
            populate(dir, settings, shape);
        }
        System.out.printf("%nQUERIES dir=%s settings=%s %s, %d runs after %d warm-ups (fewer, at least %d, beyond %d s)%n",
                dir, settings, shape, runs, WARM_UPS, MIN_RUNS, budgetNanos / SECOND);
        queries(dir, settings, shape, runs, budgetNanos);
    }

    /** {@code --name value} and {@code --flag}. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, was " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }

    // ---------------------------------------------------------------------------------------------- populate

    /**
     * The writer's clock during a replay: a transaction is stored when its last span arrived, as in the
     * application, where the writer keys every run of a transaction at the time it stores it.
     */
    private static final class ReplayClock implements LongSupplier {
        long latestArrivalMillis;

        @Override
        public long getAsLong() {
            return latestArrivalMillis;
        }
    }

    static void populate(Path dir, String settings, Shape shape) throws Exception {
        Files.createDirectories(dir);
        try (var existing = Files.list(dir)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalStateException(dir + " is not empty: give a new directory, or --skip-populate");
            }
        }
        System.out.printf("POPULATE dir=%s settings=%s %s, batches of %,d spans%n", dir, settings, shape, BATCH);
        var threads = ManagementFactory.getThreadMXBean();
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ReplayClock clock = new ReplayClock();
        List<Span> batch = new ArrayList<>(BATCH);
        long[] totals = new long[4]; // written, writer wall nanos, writer CPU nanos, batches
        long wall0 = System.nanoTime();
        long cpu0 = process.getProcessCpuTime();
        try (TestStore store = new TestStore(dir, settings, clock)) {
            Runnable flush = () -> {
                if (batch.isEmpty()) {
                    return;
                }
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                store.writer.apply(TelemetryBatch.ofSpans(batch), ++totals[3]);
                totals[1] += System.nanoTime() - t0;
                totals[2] += threads.getCurrentThreadCpuTime() - c0;
                long before = totals[0];
                totals[0] += batch.size();
                batch.clear();
                if (totals[0] / 1_000_000 != before / 1_000_000) {
                    System.out.printf("  %,11d spans  %6.0f s  writer %,7.0f spans/s  overall %,7.0f spans/s%n", totals[0],
                            (System.nanoTime() - wall0) / 1e9, totals[0] / (totals[1] / 1e9),
                            totals[0] / ((System.nanoTime() - wall0) / 1e9));
                }
            };
            Fleet fleet = new Fleet(shape.seed(), shape.services(), arrival -> {
                clock.latestArrivalMillis = Math.max(clock.latestArrivalMillis, arrival.millis());
                batch.add(arrival.span());
                if (batch.size() == BATCH) {
                    flush.run();
                }
            });
            long recentFrom = shape.endNanos() - RECENT.toNanos();
            SplittableRandom jitter = new SplittableRandom(shape.seed() + 1);
            replay(fleet, jitter, recentFrom - Duration.ofDays(shape.days()).toNanos(), recentFrom,
                    (shape.spans() - shape.recent()) / Fleet.SPANS_PER_TRACE);
            replay(fleet, jitter, recentFrom, shape.endNanos(), shape.recent() / Fleet.SPANS_PER_TRACE);
            fleet.drain();
            flush.run();
            long wall = System.nanoTime() - wall0;
            long cpu = process.getProcessCpuTime() - cpu0;
            long written = totals[0];
            long t0 = System.nanoTime();
            store.writer.sync();
            long syncNanos = System.nanoTime() - t0;
            System.out.printf("INGEST %,d spans in %,d transactions (%.2f%% failed spans)%n", written, totals[3],
                    100.0 * fleet.errorSpans / written);
            System.out.printf("  writer (apply)      %7.1f s wall = %,8.0f spans/s; writer thread CPU %7.1f s = %,8.0f spans/CPU-s%n",
                    totals[1] / 1e9, written / (totals[1] / 1e9), totals[2] / 1e9, written / (totals[2] / 1e9));
            System.out.printf("  overall (with generation) %7.1f s wall = %,8.0f spans/s; process CPU %7.1f s (incl. H2 background, GC)%n",
                    wall / 1e9, written / (wall / 1e9), cpu / 1e9);
            System.out.printf("  final CHECKPOINT SYNC %.1f s%n", syncNanos / 1e9);
            long file = Files.size(dir.resolve("meridian.mv.db"));
            System.out.printf("FILE after population: %,d bytes = %.0f B/span%n", file, (double) file / written);
            try (Connection c = store.dataSource.getConnection(); var st = c.createStatement()) {
                t0 = System.nanoTime();
                StorageBenchmark.printTableSizes(st, List.of("SPAN_RUNS", "ATTRIBUTE_POSTINGS", "SPAN_EXEMPLARS", "RED_ROLLUP",
                        "SERVICE_ROLLUP", "RESOURCES"), written);
                System.out.printf("  (DISK_SPACE_USED took %.1f s)%n", (System.nanoTime() - t0) / 1e9);
                try (var rs = st.executeQuery("SELECT COUNT(*), SUM(OCTET_LENGTH(exemplars)) FROM span_exemplars")) {
                    rs.next();
                    System.out.printf("  span_exemplars: %,d cells, %,d bytes of exemplars%n", rs.getLong(1), rs.getLong(2));
                }
            }
            // the application's compactor builds the 10-minute and hourly rollups every minute: catch up as it would
            var compactor = new dev.meridian.storage.rollup.RollupCompactor(store.dataSource, store.dialect,
                    java.time.Clock.fixed(dev.meridian.telemetry.TimeRange.toInstant(shape.endNanos()), java.time.ZoneOffset.UTC),
                    dev.meridian.storage.rollup.RollupSettings.defaults());
            t0 = System.nanoTime();
            Object previous = null;
            for (Object watermarks = compactor.compact(); !watermarks.equals(previous); watermarks = compactor.compact()) {
                previous = watermarks;
            }
            System.out.printf("ROLLUPS compacted to 10-minute and hourly levels in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, previous);
            // and merges the attribute postings of closed key windows every minute
            t0 = System.nanoTime();
            long merged = new dev.meridian.storage.jdbc.PostingsCompactor(store.dataSource, java.time.Clock.fixed(
                    dev.meridian.telemetry.TimeRange.toInstant(shape.endNanos()), java.time.ZoneOffset.UTC)).compact();
            System.out.printf("POSTINGS merged in %.1f s: %,d rows fewer, %,d left%n", (System.nanoTime() - t0) / 1e9, merged,
                    store.count("attribute_postings"));
            // and moves the trace index's recent rows of closed windows into compacted rows every 30 s
            t0 = System.nanoTime();
            var traceCompactor = new dev.meridian.storage.jdbc.TraceIndexCompactor(store.dataSource, java.time.Clock.fixed(
                    dev.meridian.telemetry.TimeRange.toInstant(shape.endNanos()), java.time.ZoneOffset.UTC));
            long moved = 0;
            for (long round = traceCompactor.compact(); round > 0; round = traceCompactor.compact()) {
                moved += round;
            }
            System.out.printf("TRACE INDEX compacted in %.1f s: %,d recent rows moved, %,d left; %,d compacted rows%n",
                    (System.nanoTime() - t0) / 1e9, moved, store.count("trace_index_recent"), store.count("trace_index"));
        }
        long closed = Files.size(dir.resolve("meridian.mv.db"));
        System.out.printf("FILE after close: %,d bytes = %.0f B/span%n", closed, (double) closed / totals[0]);
        try (Writer out = Files.newBufferedWriter(dir.resolve(META))) {
            shape.toProperties().store(out, "QueryBenchmark data shape");
        }
    }

    /** {@code traces} traces with roots spread evenly over {@code [from, to)}, in start order. */
    private static void replay(Fleet fleet, SplittableRandom jitter, long from, long to, long traces) {
        double slot = (double) (to - from) / Math.max(1, traces);
        for (long i = 0; i < traces; i++) {
            fleet.trace(from + (long) ((i + jitter.nextDouble()) * slot));
        }
    }

    // ----------------------------------------------------------------------------------------------- queries

    record Query(String name, IntFunction<Object> run) {
    }

    static void queries(Path dir, String settings, Shape shape, int runs, long budgetNanos) throws SQLException {
        try (TestStore store = new TestStore(dir, settings)) {
            CountingDataSource counting = CountingDataSource.wrap(store.dataSource);
            JdbcTraceQueries traces = new JdbcTraceQueries(counting.dataSource(), store.dictionaries, TestStore.INDEXED);
            JdbcServiceQueries services = new JdbcServiceQueries(counting.dataSource(), store.dictionaries);
            long end = shape.endNanos();
            String big = Fleet.service(0);
            List<TraceId> ids = sampleTraceIds(store, 200, shape.seed());
            // every run asks for another window (moved back by i seconds, or i minutes for whole minutes),
            // so H2 cannot answer from its query cache and pages of more than one window get read
            IntFunction<TimeRange> last15 = i -> back(new TimeRange(end - RECENT.toNanos(), end), i);
            IntFunction<TimeRange> lastHour = i -> back(new TimeRange(end - 60 * MINUTE, end), i);
            IntFunction<TimeRange> lastDay = i -> back(new TimeRange(end - 1440 * MINUTE, end), i);
            IntFunction<TimeRange> hourAgo = i -> back(new TimeRange(end - 120 * MINUTE, end - 60 * MINUTE), i);
            IntFunction<TimeRange> pastMinute = i -> {
                long minute = Math.floorDiv(end - 360 * MINUTE, MINUTE) * MINUTE - i * MINUTE;
                return new TimeRange(minute, minute + MINUTE);
            };
            List<Query> queries = List.of(
                    new Query("slowest 20, big service, last 15 min", i -> traces.search(search(big, null, last15.apply(i), 20, Sort.DURATION))),
                    new Query("slowest 20, all services, last 15 min", i -> traces.search(search(null, null, last15.apply(i), 20, Sort.DURATION))),
                    new Query("slowest 20, big service, one minute 6 h ago", i -> traces.search(search(big, null, pastMinute.apply(i), 20, Sort.DURATION))),
                    new Query("slowest 20, big service, 1 h an hour ago", i -> traces.search(search(big, null, hourAgo.apply(i), 20, Sort.DURATION))),
                    new Query("failed first 20, big service, last 15 min", i -> traces.search(search(big, null, last15.apply(i), 20, Sort.ERRORS))),
                    new Query("newest 20, big service, last 15 min", i -> traces.search(search(big, null, last15.apply(i), 20, Sort.TIME))),
                    new Query("newest 20, all services, last 15 min", i -> traces.search(search(null, null, last15.apply(i), 20, Sort.TIME))),
                    new Query("http.route=/api/cart (indexed), 15 min", i -> traces.search(search(null,
                            new AttributeFilter("http.route", Fleet.CART_ROUTE), last15.apply(i), 20, Sort.DURATION))),
                    new Query("cart.size=3 (not indexed), 15 min", i -> traces.search(search(null,
                            new AttributeFilter("cart.size", "3"), last15.apply(i), 20, Sort.DURATION))),
                    new Query("trace by id", i -> traces.trace(ids.get(i % ids.size())).orElseThrow()),
                    new Query("services(), last 15 min", i -> services.services(last15.apply(i))),
                    new Query("services(), last 24 h", i -> services.services(lastDay.apply(i))),
                    new Query("RED series, big service, 24 h, 1 min step", i -> services.series(big, null, lastDay.apply(i), Duration.ofMinutes(1))),
                    // what the trace search view sends by default: its LIMIT (200) over its default range (1 h)
                    new Query("(UI) slowest 200, big service, last 1 h", i -> traces.search(search(big, null, lastHour.apply(i), 200, Sort.DURATION))),
                    new Query("(UI) cart.size=3, big service, 15 min", i -> traces.search(search(big,
                            new AttributeFilter("cart.size", "3"), last15.apply(i), 20, Sort.DURATION))));
            System.out.printf("%-44s %9s %9s %9s %3s  %-12s %5s  %s%n", "query", "median ms", "p90 ms", "max ms", "n",
                    "result", "stmts", "rows returned per table (last run)");
            for (Query query : queries) {
                long[] times = new long[runs];
                int n = 0;
                long spent = 0;
                Object result = null;
                int warmUps = WARM_UPS;
                // a slow query gets fewer runs: one warm-up when that is slow, and at least MIN_RUNS timed runs
                for (int i = 0; n < runs && (n < MIN_RUNS || spent < budgetNanos); i++) {
                    counting.reset();
                    long t0 = System.nanoTime();
                    result = query.run().apply(i);
                    long took = System.nanoTime() - t0;
                    if (i >= warmUps) {
                        times[n++] = took;
                        spent += took;
                    } else if (took > budgetNanos / 6) {
                        warmUps = i + 1;
                    }
                }
                long[] sorted = Arrays.copyOf(times, n);
                Arrays.sort(sorted);
                System.out.printf("%-44s %9.1f %9.1f %9.1f %3d  %-12s %5d  %s%n", query.name(), sorted[n / 2] / 1e6,
                        sorted[(int) Math.ceil(n * 0.9) - 1] / 1e6, sorted[n - 1] / 1e6, n, describe(result),
                        counting.statements(), counting.rows().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            }
        }
    }

    private static TraceSearch search(String service, AttributeFilter attribute, TimeRange range, int limit, Sort sort) {
        return new TraceSearch(service, null, null, null, null, attribute == null ? List.of() : List.of(attribute), range,
                limit, sort);
    }

    /** The range moved back by i seconds. */
    private static TimeRange back(TimeRange range, int i) {
        return StorageBenchmark.shift(range, -i);
    }

    private static String describe(Object result) {
        return switch (result) {
            case List<?> list when !list.isEmpty() && list.getFirst() instanceof RedPoint -> list.size() + " points";
            case List<?> list -> list.size() + " rows";
            case dev.meridian.query.TraceQueries.Trace trace -> trace.spans().size() + " spans";
            default -> "done";
        };
    }

    /** Trace ids of the runs at random keys over the whole data. */
    private static List<TraceId> sampleTraceIds(TestStore store, int count, long seed) throws SQLException {
        List<TraceId> ids = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed + 2);
        try (Connection c = store.dataSource.getConnection();
             ResultSet bounds = c.createStatement().executeQuery("SELECT MIN(first_key), MAX(first_key) FROM span_runs");
             PreparedStatement at = c.prepareStatement("SELECT trace_hi, trace_lo FROM span_runs WHERE first_key >= ?"
                     + " ORDER BY first_key LIMIT 1")) {
            bounds.next();
            long min = bounds.getLong(1);
            long max = bounds.getLong(2);
            for (int i = 0; i < count; i++) {
                at.setLong(1, min + random.nextLong(max - min + 1));
                try (ResultSet rs = at.executeQuery()) {
                    if (rs.next()) {
                        ids.add(new TraceId(rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
        }
        return ids;
    }
}
