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
        assertThat(TraceIndex.runKeys(jdbc, new TraceId(42, 42))).as(when + ": a trace never stored").isEmpty();
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
    void compact_leavesTheOpenWindowAlone() {
        long recent = store.count("trace_index_recent");
        new TraceIndexCompactor(store.dataSource, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).compact();
        assertThat(store.count("trace_index_recent")).isEqualTo(recent);
    }

    @Test
    void nearLookups_findTheRunsWithinTheMarginOfTheGivenKey() {
        long margin = RowKeys.floorKey(90_000_000_000L); // 90 s
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
            Map<TraceId, List<Long>> found = TraceIndex.runKeys(jdbc, near, margin);
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
