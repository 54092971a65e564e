package dev.meridian.query.jdbc;

import static dev.meridian.testing.Telemetry.MS;
import static dev.meridian.testing.Telemetry.T0_NANOS;
import static dev.meridian.testing.Telemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches whose filters the order of runs cannot skip (an operation, a maximum duration): runs are read best
 * first by their longest span, so the matching spans may all sit in runs that sort last. Within the scan bound the
 * answer is exact; beyond it, partial rather than wrong.
 */
class UnorderedFiltersSearchTest {

    private static final TimeRange WINDOW = new TimeRange(T0_NANOS - 60_000 * MS, T0_NANOS + 600_000 * MS);

    @TempDir
    Path dir;

    /** 300 traces whose root (2 s) is over the maximum and whose child (5-54 ms) is under it. */
    private static List<Span> slowRootsWithFastChildren() {
        List<Span> spans = new ArrayList<>();
        for (int t = 1; t <= 300; t++) {
            spans.add(span("svc", "op").trace(t, t).id(1).startMs(t).durationMs(2000).build());
            spans.add(span("svc", "child").trace(t, t).id(2).parent(1).startMs(t + 1).durationMs(5 + t % 50).build());
        }
        // a rare operation, fast, in traces of its own
        for (int t = 1001; t <= 1005; t++) {
            spans.add(span("svc", "rare").trace(t, t).id(1).startMs(t - 900).durationMs(t - 990).build());
        }
        return spans;
    }

    @Test
    void maximumDuration_belowEveryRunsLongestSpan_findsTheSlowestSpansUnderIt() {
        try (TestStore store = new TestStore(dir)) {
            List<Span> spans = slowRootsWithFastChildren();
            store.writer.write(TelemetryBatch.ofSpans(spans));
            JdbcTraceQueries queries = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED, 1_000,
                    Duration.ofSeconds(5));

            TraceQueries.SearchResult result = queries.searchWithCoverage(new TraceSearch("svc", null, null, 100.0, null,
                    List.of(), WINDOW, 5, TraceSearch.Sort.DURATION));

            // the slowest spans under 100 ms are the six 54 ms children: any five of their traces
            List<String> slowestUnder = spans.stream().filter(s -> s.durationNanos() == 54 * MS)
                    .map(s -> s.traceId().toHex()).toList();
            assertThat(result.partial()).isFalse();
            assertThat(slowestUnder).hasSize(6);
            assertThat(result.traces()).hasSize(5).extracting(TraceSummary::traceId).isSubsetOf(slowestUnder);
        }
    }

    @Test
    void aRareOperation_isFoundAmongSlowerRunsOfAnother() {
        TraceQueries.SearchResult result = slowestOfTheRareOperation(1_000);

        assertThat(result.partial()).isFalse();
        assertThat(result.traces()).extracting(TraceSummary::durationMs).containsExactly(15.0, 14.0, 13.0);
    }

    @Test
    void moreRunsThanTheScanBound_answersPartialInsteadOfWrong() {
        TraceQueries.SearchResult result = slowestOfTheRareOperation(100);

        assertThat(result.partial()).isTrue();
        assertThat(result.traces()).extracting(TraceSummary::durationMs).isSubsetOf(15.0, 14.0, 13.0, 12.0, 11.0);
    }

    /** The 3 slowest traces of the rare operation under 5 s, reading at most {@code maxCandidates} runs per round. */
    private TraceQueries.SearchResult slowestOfTheRareOperation(int maxCandidates) {
        try (TestStore store = new TestStore(dir)) {
            store.writer.write(TelemetryBatch.ofSpans(slowRootsWithFastChildren()));
            JdbcTraceQueries queries = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED,
                    maxCandidates, Duration.ofSeconds(5));
            return queries.searchWithCoverage(new TraceSearch("svc", "rare", null, 5_000.0, null, List.of(), WINDOW, 3,
                    TraceSearch.Sort.DURATION));
        }
    }
}
