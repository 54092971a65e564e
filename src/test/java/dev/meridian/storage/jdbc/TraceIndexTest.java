package dev.meridian.storage.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The trace index against a brute-force read of {@code span_runs} by trace id: traces whose runs lie in several
 * key windows (the writer keys these old spans at start + lateness), in recent rows, compacted rows and both.
 */
class TraceIndexTest {

    @TempDir
    Path dir;
    TestStore store;
    JdbcTemplate jdbc;
    final List<TraceId> traces = new ArrayList<>();
    final Random random = new Random(7);

    @BeforeEach
    void write() {
        store = new TestStore(dir);
        jdbc = new JdbcTemplate(store.dataSource);
        for (int i = 0; i < 60; i++) {
            traces.add(new TraceId(random.nextLong(), random.nextLong()));
        }
        // traces that share a row (the top 14 bits of their high halves), of either sign, and one high half
        for (long top : new long[] {0x1234L << 50, 0xE234L << 48}) {
            for (int i = 0; i < 6; i++) {
                traces.add(new TraceId(top | (random.nextLong() >>> 14), i < 3 ? 7 : random.nextLong()));
            }
        }
        traces.add(new TraceId(traces.getFirst().hi(), traces.getFirst().lo() + 1));
        // 30 transactions 20 s apart: 10 minutes, about 5 key windows; a trace has runs in several of them
        for (int batch = 0; batch < 30; batch++) {
            writeBatch(batch * 20_000L, 20);
        }
    }

    private void writeBatch(long startMs, int tracesInBatch) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < tracesInBatch; i++) {
            TraceId trace = traces.get(random.nextInt(traces.size()));
            for (int s = 0; s <= random.nextInt(3); s++) {
                spans.add(span(random.nextBoolean() ? "cart" : "shop", "op").trace(trace).id(random.nextLong())
                        .startMs(startMs + random.nextInt(10_000)).build());
            }
        }
        store.writer.write(TelemetryBatch.ofSpans(spans));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<Long> stored(TraceId trace, LongPredicate keys) {
        return jdbc.queryForList("SELECT first_key FROM span_runs WHERE trace_hi = ? AND trace_lo = ? ORDER BY first_key",
                Long.class, trace.hi(), trace.lo()).stream().filter(keys::test).toList();
    }

    private void assertEveryTraceFound(String when) {
        for (TraceId trace : traces) {
            assertThat(TraceIndex.runKeys(jdbc, trace)).as(when + ": " + trace).containsExactlyElementsOf(stored(trace, k -> true));
        }
        TraceId stored = traces.stream().filter(t -> !stored(t, k -> true).isEmpty()).findFirst().orElseThrow();
        assertThat(TraceIndex.runKeys(jdbc, new TraceId(stored.hi(), stored.lo() ^ 1L << 40)))
                .as(when + ": a trace never stored, in a row of stored ones").isEmpty();
    }

    private TraceIndexCompactor compactor() {
        return new TraceIndexCompactor(store.dataSource, Clock.fixed(Instant.now().plusSeconds(3_600), ZoneOffset.UTC));
    }

    @Test
    void lookups_findEveryRunOfATrace_recentCompactedAndBoth() {
        assertThat(store.count("trace_index_recent")).isPositive();
        assertThat(store.count("trace_index")).isZero();
        assertEveryTraceFound("recent rows");

        long moved = compactor().compact();

        assertThat(moved).isPositive();
        assertThat(store.count("trace_index_recent")).isZero();
        assertThat(store.count("trace_index")).isPositive();
        assertEveryTraceFound("compacted rows");

        writeBatch(5_000, 30); // late runs keyed in the first, compacted window
        assertThat(store.count("trace_index_recent")).isPositive();
        assertEveryTraceFound("compacted rows and late recent rows");

        compactor().compact();
        assertThat(store.count("trace_index_recent")).isZero();
        assertEveryTraceFound("late rows merged into compacted ones");
        assertThat(compactor().compact()).as("nothing left to move").isZero();
    }

    @Test
    void compact_movesAWindowOnlyOnceItsEndIsOlderThanTheLatenessAndAMargin() {
        // the first spans are keyed at T0 + 30 s and later; their window ends at windowEnd
        long firstKey = jdbc.queryForObject("SELECT MIN(first_key) FROM span_runs", Long.class);
        long windowEnd = (TraceIndex.window(firstKey) + 1) << TraceIndex.WINDOW_SHIFT;
        long windowEndMs = RowKeys.keyNanos(windowEnd) / 1_000_000;
        long recent = store.count("trace_index_recent");

        long early = new TraceIndexCompactor(store.dataSource, Clock.fixed(Instant.ofEpochMilli(windowEndMs + 50_000),
                ZoneOffset.UTC)).compact();
        assertThat(early).as("50 s after the window's end").isZero();
        assertThat(store.count("trace_index_recent")).isEqualTo(recent);

        long moved = new TraceIndexCompactor(store.dataSource, Clock.fixed(Instant.ofEpochMilli(windowEndMs + 61_000),
                ZoneOffset.UTC)).compact();
        assertThat(moved).as("61 s after").isPositive();
        assertThat(jdbc.queryForObject("SELECT MIN(first_key) FROM trace_index_recent", Long.class)).isGreaterThanOrEqualTo(windowEnd);
        assertEveryTraceFound("the first window compacted, the others recent");
    }

    @Test
    void lookupsAnywhere_skipTheWindowsWithoutRows_whenTheyAreFarApart() {
        writeBatch(40L * 24 * 3_600_000, 10); // 40 days later: more windows between than a lookup probes one by one
        compactor().compact();
        assertThat(store.count("trace_index_recent")).isPositive(); // the later window is still open for this clock
        new TraceIndexCompactor(store.dataSource, Clock.fixed(T0.plus(java.time.Duration.ofDays(41)), ZoneOffset.UTC)).compact();
        assertThat(store.count("trace_index_recent")).isZero();
        assertEveryTraceFound("two stretches 40 days apart");
    }

    @Test
    void nearLookups_findTheRunsWithinTheMarginOfTheGivenKey() {
        for (long seconds : new long[] {90, 86_400}) { // a day: more windows than a statement probes
            assertNearLookups(RowKeys.floorKey(seconds * 1_000_000_000L));
        }
    }

    private void assertNearLookups(long margin) {
        for (boolean compacted : new boolean[] {false, true}) {
            if (compacted) {
                compactor().compact();
            }
            Map<TraceId, Long> near = new HashMap<>();
            for (TraceId trace : traces) {
                List<Long> all = stored(trace, k -> true);
                if (!all.isEmpty()) {
                    near.put(trace, all.get(all.size() / 2));
                }
            }
            Map<TraceId, List<Long>> found = TraceIndex.runKeys(() -> jdbc, near, margin);
            near.forEach((trace, key) -> assertThat(found.get(trace)).as(trace + (compacted ? ", compacted" : ""))
                    .containsExactlyElementsOf(stored(trace, k -> k >= key - margin && k < key + margin)));
        }
    }

    @Test
    void deleteBefore_removesTheWindowsThatEndBeforeTheCutoff() {
        compactor().compact();
        writeBatch(5_000, 10); // and some recent rows in an old window
        long cutoff = RowKeys.floorKey(T0_NANOS + 300_000 * MS);
        long kept = TraceIndex.window(cutoff) << TraceIndex.WINDOW_SHIFT;

        long deleted = TraceIndex.deleteBefore(jdbc, cutoff, System.nanoTime() + 10_000_000_000L);

        assertThat(deleted).isPositive();
        for (TraceId trace : traces) {
            assertThat(TraceIndex.runKeys(jdbc, trace)).as(trace.toString()).containsExactlyElementsOf(stored(trace, k -> k >= kept));
        }
    }
}
