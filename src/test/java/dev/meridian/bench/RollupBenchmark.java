package dev.meridian.bench;

import static dev.meridian.testing.Telemetry.span;

import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.storage.jdbc.HistogramCodec;
import dev.meridian.storage.rollup.RollupCompactor;
import dev.meridian.storage.rollup.RollupSettings;
import dev.meridian.storage.rollup.Watermarks;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Not a test: RED query latency over minute rows only and over the rollup levels. Fills the minute
 * rollups directly (no spans): {@code services} services with {@code operations} operations each over the
 * last 26 hours, three of them over 7 days; then times services() over 24 h and series over 24 h and 7 days
 * before and after compaction, and the compaction itself.
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.meridian.bench.RollupBenchmark [services] [operations]
 * </pre>
 */
public final class RollupBenchmark {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final long NOW_MINUTE = NOW.getEpochSecond() / 60;

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int operations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("meridian-rollup-bench");
        System.out.printf("services=%d operations=%d dir=%s%n", services, operations, dir);
        try (TestStore store = new TestStore(dir)) {
            // dictionary entries through the writer
            List<Span> spans = new ArrayList<>();
            for (int s = 0; s < services; s++) {
                for (int o = 0; o < operations; o++) {
                    spans.add(span("svc-" + s, "GET /op" + o).trace(s + 1, o + 1).start(NOW.getEpochSecond() * 1_000_000_000L - 86_400_000_000_000L * 8).build());
                }
            }
            store.writer.write(TelemetryBatch.ofSpans(spans));
            long t0 = System.nanoTime();
            long rows = fill(store, services, operations);
            System.out.printf("FILL %,d minute rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

            JdbcServiceQueries queries = new JdbcServiceQueries(store.dataSource, store.dictionaries);
            TimeRange day = TimeRange.lastBefore(NOW, Duration.ofDays(1));
            TimeRange week = TimeRange.lastBefore(NOW, Duration.ofDays(7));
            System.out.println("-- minute rows only");
            measure(queries, day, week);

            RollupCompactor compactor = new RollupCompactor(store.dataSource, store.dialect, Clock.fixed(NOW, ZoneOffset.UTC),
                    RollupSettings.defaults());
            t0 = System.nanoTime();
            Watermarks watermarks = null;
            for (int run = 0; run < 12; run++) {
                watermarks = compactor.compact();
            }
            System.out.printf("COMPACT catch-up in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, watermarks);
            // a steady-state run: the next 10 minutes complete, every service has a new bucket
            RollupCompactor next = new RollupCompactor(store.dataSource, store.dialect,
                    Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC), RollupSettings.defaults());
            fillMinutes(store, services, operations, 0, NOW_MINUTE, NOW_MINUTE + 10);
            t0 = System.nanoTime();
            next.compact();
            System.out.printf("COMPACT one 10-minute bucket of %d services: %.0f ms%n", services, (System.nanoTime() - t0) / 1e6);
            System.out.println("-- with rollup levels");
            measure(queries, day, week);
        }
    }

    static void measure(JdbcServiceQueries queries, TimeRange day, TimeRange week) {
        time("services() over 24 h", () -> queries.services(day));
        time("operations(svc-0) over 24 h", () -> queries.operations("svc-0", day));
        time("series(svc-0) over 24 h", () -> queries.series("svc-0", null, day, null));
        time("series(svc-0) over 7 days", () -> queries.series("svc-0", null, week, null));
        time("series(svc-0, GET /op0) over 7 days", () -> queries.series("svc-0", "GET /op0", week, null));
        time("statusClasses(svc-0) over 7 days", () -> queries.statusClasses("svc-0", null, week, null));
    }

    /** Wall time, and the CPU time of this thread (the better figure on a busy machine: H2 runs in it). */
    static void time(String what, Supplier<List<?>> query) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        query.get();
        long[] nanos = new long[7];
        long[] cpu = new long[nanos.length];
        int size = 0;
        for (int i = 0; i < nanos.length; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            size = query.get().size();
            nanos[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("%-40s wall median %7.1f ms  min %7.1f ms  cpu median %7.1f ms  (%d results)%n", what,
                nanos[nanos.length / 2] / 1e6, nanos[0] / 1e6, cpu[cpu.length / 2] / 1e6, size);
    }

    /** All services over the last 26 hours; svc-0..2 over the 7 days before that too. */
    static long fill(TestStore store, int services, int operations) throws Exception {
        long rows = fillMinutes(store, services, operations, 0, NOW_MINUTE - 26 * 60, NOW_MINUTE);
        return rows + fillMinutes(store, Math.min(3, services), operations, 0, NOW_MINUTE - 7 * 1440 - 60, NOW_MINUTE - 26 * 60);
    }

    static long fillMinutes(TestStore store, int services, int operations, int firstService, long fromMinute, long toMinute)
            throws Exception {
        SplittableRandom random = new SplittableRandom(fromMinute);
        byte[][] histograms = new byte[32][];
        long[] counts = new long[histograms.length];
        for (int h = 0; h < histograms.length; h++) {
            Histogram histogram = HistogramCodec.newHistogram();
            int requests = 10 + random.nextInt(100);
            for (int i = 0; i < requests; i++) {
                histogram.recordValue((long) (Math.exp(Math.log(40_000) + random.nextGaussian())));
            }
            histograms[h] = HistogramCodec.encode(histogram);
            counts[h] = requests;
        }
        long rows = 0;
        try (Connection c = store.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement red = c.prepareStatement(store.dialect.upsert("red_rollup",
                    List.of("service_id", "bucket_minute", "operation_id", "kind"), List.of("request_count", "error_count",
                            "duration_sum_ns", "status_ok", "status_4xx", "status_5xx", "histogram")));
                 PreparedStatement service = c.prepareStatement(store.dialect.upsert("service_rollup",
                         List.of("service_id", "bucket_minute"), List.of("span_count", "request_count", "error_count", "histogram")))) {
                for (long minute = fromMinute; minute < toMinute; minute++) {
                    for (int s = firstService; s < firstService + services; s++) {
                        int serviceId = store.dictionaries.services().find("svc-" + s).orElseThrow();
                        long total = 0;
                        int any = 0;
                        for (int o = 0; o < operations; o++) {
                            int h = random.nextInt(histograms.length);
                            any = h;
                            red.setInt(1, serviceId);
                            red.setLong(2, minute);
                            red.setInt(3, store.dictionaries.spanNames().find("GET /op" + o).orElseThrow());
                            red.setInt(4, 2);
                            red.setLong(5, counts[h]);
                            red.setLong(6, counts[h] / 50);
                            red.setLong(7, counts[h] * 40_000_000L);
                            red.setLong(8, counts[h] - counts[h] / 50);
                            red.setLong(9, 0);
                            red.setLong(10, counts[h] / 50);
                            red.setBytes(11, histograms[h]);
                            red.addBatch();
                            total += counts[h];
                            rows++;
                        }
                        service.setInt(1, serviceId);
                        service.setLong(2, minute);
                        service.setLong(3, total * 4);
                        service.setLong(4, total);
                        service.setLong(5, total / 50);
                        service.setBytes(6, histograms[any]); // not the merge: the bench measures reads, not figures
                        service.addBatch();
                        rows++;
                    }
                    if (minute % 30 == 0) {
                        red.executeBatch();
                        service.executeBatch();
                        c.commit();
                    }
                }
                red.executeBatch();
                service.executeBatch();
                c.commit();
            }
        }
        return rows;
    }
}
