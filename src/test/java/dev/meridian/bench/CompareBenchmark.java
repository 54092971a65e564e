package dev.meridian.bench;

import static dev.meridian.testing.Telemetry.log;
import static dev.meridian.testing.Telemetry.span;

import dev.meridian.query.QueryLimits;
import dev.meridian.query.compare.CompareRequest;
import dev.meridian.query.compare.Comparison;
import dev.meridian.query.compare.TraceVsTypical;
import dev.meridian.query.jdbc.JdbcCompareQueries;
import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Not a test: how long {@code GET /api/v1/compare} takes with many traces in the window. Writes {@code --traces}
 * (default 100,000) traces of 4 spans and 1-2 logs each over one hour into an H2 file (web entry span, client
 * call, downstream server span, database query with {@code db.instance}; the 5 % on replica-3 are slow and log a
 * warning), then times compare (given bound; the default p95) and trace-vs-typical, {@code --runs} times each.
 * <pre>
 * ./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.meridian.bench.CompareBenchmark [--traces 100000] [--runs 7]
 * </pre>
 */
public final class CompareBenchmark {

    private static final long MS = 1_000_000L;
    private static final long HOUR = 3_600_000L * MS;
    private static final int BATCH = 5_000;

    public static void main(String[] args) throws Exception {
        int traces = intArg(args, "--traces", 100_000);
        int runs = intArg(args, "--runs", 7);
        Path dir = Files.createTempDirectory("compare-bench");
        long end = System.currentTimeMillis() * MS;
        long start = end - HOUR;
        long[] arrival = {start / MS};
        try (TestStore store = new TestStore(dir, "CACHE_SIZE=65536", () -> arrival[0])) {
            long t0 = System.nanoTime();
            SplittableRandom random = new SplittableRandom(11);
            TraceId slowExample = null;
            List<Span> spans = new ArrayList<>();
            List<LogRecord> logs = new ArrayList<>();
            for (int i = 0; i < traces; i++) {
                long at = start + (HOUR / traces) * i;
                boolean slow = random.nextInt(20) == 0;
                TraceId id = new TraceId(random.nextLong(), random.nextLong());
                if (slow && slowExample == null && i > traces / 2) {
                    slowExample = id;
                }
                long db = slow ? 600 + random.nextInt(300) : 5 + random.nextInt(30);
                String replica = slow ? "replica-3" : "replica-" + (1 + random.nextInt(3));
                spans.add(span("storefront", "GET /cart").trace(id).id(1).start(at).durationMs(db + 12)
                        .attributes("http.route", "/cart", "user.id", "u" + random.nextInt(1_000_000)).build());
                spans.add(span("storefront", "GET /api/cart").trace(id).id(2).parent(1).kind(SpanKind.CLIENT)
                        .start(at + MS).durationMs(db + 8).build());
                spans.add(span("cart-service", "GET /api/cart").trace(id).id(3).parent(2).start(at + 2 * MS)
                        .durationMs(db + 6).attributes("feature.flag", random.nextBoolean() ? "a" : "b").build());
                spans.add(span("cart-service", "SELECT carts").trace(id).id(4).parent(3).kind(SpanKind.CLIENT)
                        .start(at + 3 * MS).durationMs(db).attributes("db.system", "postgresql", "db.instance", replica).build());
                logs.add(log("cart-service", at + 4 * MS, 9, "cart loaded with " + random.nextInt(20) + " items", id, new SpanId(3)));
                if (slow) {
                    logs.add(log("cart-service", at + (3 + db) * MS, 13, "slow query on " + replica + " took " + db + " ms", id,
                            new SpanId(4)));
                }
                if (spans.size() >= BATCH * 4 || i == traces - 1) {
                    arrival[0] = at / MS + 2_000;
                    store.writer.write(new TelemetryBatch(spans, logs, List.of()));
                    spans = new ArrayList<>();
                    logs = new ArrayList<>();
                }
            }
            System.out.printf("wrote %,d traces (%,d spans) in %.1f s%n", traces, traces * 4L, (System.nanoTime() - t0) / 1e9);

            JdbcServiceQueries services = new JdbcServiceQueries(store.dataSource, store.dictionaries, QueryLimits.DEFAULTS);
            JdbcCompareQueries compare = new JdbcCompareQueries(store.dataSource, store.dictionaries, services,
                    QueryLimits.DEFAULTS);
            TimeRange window = new TimeRange(start, end + MS);
            time("compare minDurationMs=500 (operation)", runs, () -> compare.compare(
                    new CompareRequest("storefront", "GET /cart", window, 500.0, false)), CompareBenchmark::describe);
            time("compare default p95 (all operations)", runs, () -> compare.compare(
                    new CompareRequest("storefront", null, window, null, false)), CompareBenchmark::describe);
            TraceId example = slowExample;
            time("trace vs 50 typical", runs, () -> compare.typical(example, 50).orElseThrow(),
                    (TraceVsTypical t) -> t.typicalCount() + " typical, " + t.paths().size() + " paths");
        }
    }

    private static String describe(Comparison c) {
        return c.selectedCount() + "/" + c.selectedTotal() + " selected, " + c.baselineCount() + "/" + c.baselineTotal()
                + " baseline, sampled=" + c.sampled() + ", partial=" + c.partial() + ", first attribute "
                + (c.findings().attributes().isEmpty() ? "-" : c.findings().attributes().getFirst().key() + "="
                + c.findings().attributes().getFirst().value()) + ", first operation "
                + (c.findings().operations().isEmpty() ? "-" : c.findings().operations().getFirst().name());
    }

    private static <T> void time(String name, int runs, Supplier<T> query, java.util.function.Function<T, String> describe) {
        T last = null;
        double[] ms = new double[runs];
        for (int i = -2; i < runs; i++) { // two warm-ups
            long t = System.nanoTime();
            last = query.get();
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("%-40s min %6.0f ms  median %6.0f ms  max %6.0f ms  (%d runs) %s%n", name, sorted[0],
                sorted[runs / 2], sorted[runs - 1], runs, describe.apply(last));
    }

    private static int intArg(String[] args, String name, int defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }
}
