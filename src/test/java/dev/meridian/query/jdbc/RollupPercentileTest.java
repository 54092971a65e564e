package dev.meridian.query.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceSummary;
import dev.meridian.storage.jdbc.HistogramCodec;
import dev.meridian.storage.rollup.RollupCompactor;
import dev.meridian.storage.rollup.RollupLevel;
import dev.meridian.storage.rollup.RollupSettings;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Percentiles from merged minute rollups, and from the 10-minute cells compacted from them, match the
 * exact percentiles of the raw durations within the histogram's resolution: 2 significant digits, i.e. 1%
 * relative error, plus the 1 µs recording unit.
 */
class RollupPercentileTest {

    static final int SPANS = 100_000;
    static final double RELATIVE_ERROR = Math.pow(10, -HistogramCodec.SIGNIFICANT_DIGITS);

    @TempDir
    Path dir;

    @Test
    void services_percentilesFromMergedRollups_matchExactPercentiles() {
        // log-normal durations (median ~20 ms, long tail), spread over 30 minutes, written in batches of 1000
        SplittableRandom random = new SplittableRandom(42);
        long[] durations = new long[SPANS];
        try (TestStore store = new TestStore(dir)) {
            List<Span> batch = new ArrayList<>(1000);
            for (int i = 0; i < SPANS; i++) {
                double ms = Math.exp(Math.log(20) + 1.2 * gaussian(random));
                durations[i] = (long) (ms * MS);
                batch.add(span("api", "GET /things").trace(i + 1, 1).id(i + 1).start(T0_NANOS + (long) i * 18 * MS)
                        .durationNanos(durations[i]).build());
                if (batch.size() == 1000) {
                    store.writer.write(TelemetryBatch.ofSpans(batch));
                    batch = new ArrayList<>(1000);
                }
            }
            JdbcServiceQueries services = new JdbcServiceQueries(store.dataSource, store.dictionaries);
            TimeRange window = new TimeRange(T0_NANOS, T0_NANOS + 30 * 60_000 * MS);

            ServiceSummary api = services.services(window).getFirst();

            Arrays.sort(durations);
            assertThat(api.requestCount()).isEqualTo(SPANS);
            assertThat(api.p50Ms()).isCloseTo(exactMs(durations, 50), tolerance(exactMs(durations, 50)));
            assertThat(api.p95Ms()).isCloseTo(exactMs(durations, 95), tolerance(exactMs(durations, 95)));
            assertThat(api.p99Ms()).isCloseTo(exactMs(durations, 99), tolerance(exactMs(durations, 99)));

            List<RedPoint> points = services.series("api", "GET /things", window, Duration.ofMinutes(5));
            assertThat(points).hasSize(6);
            assertThat(points.stream().mapToLong(RedPoint::requestCount).sum()).isEqualTo(SPANS);

            // the same from 10-minute cells, once compacted
            new RollupCompactor(store.dataSource, store.dialect, Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC),
                    RollupSettings.defaults()).compact();
            assertThat(services.windowPlan(window).coarsest()).isEqualTo(RollupLevel.TEN_MINUTES);
            ServiceSummary compacted = services.services(window).getFirst();
            assertThat(compacted.requestCount()).isEqualTo(SPANS);
            assertThat(compacted.p50Ms()).isCloseTo(exactMs(durations, 50), tolerance(exactMs(durations, 50)));
            assertThat(compacted.p95Ms()).isCloseTo(exactMs(durations, 95), tolerance(exactMs(durations, 95)));
            assertThat(compacted.p99Ms()).isCloseTo(exactMs(durations, 99), tolerance(exactMs(durations, 99)));
            List<RedPoint> cells = services.series("api", "GET /things", window, Duration.ofMinutes(10));
            assertThat(cells).hasSize(3);
            assertThat(cells.stream().mapToLong(RedPoint::requestCount).sum()).isEqualTo(SPANS);
        }
    }

    static double exactMs(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    static Offset<Double> tolerance(double exactMs) {
        return Offset.offset(exactMs * RELATIVE_ERROR + 0.001);
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
