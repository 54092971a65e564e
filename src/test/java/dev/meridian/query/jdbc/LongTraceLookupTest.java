package dev.meridian.query.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace whose root lasts 20 minutes: the root is keyed near its start, 15 minutes before the child a search finds,
 * beyond the first margin the trace index is asked with; the summary must still come from the root.
 */
class LongTraceLookupTest {

    @TempDir
    Path dir;

    @Test
    void summaryAndTraceView_findARootFarBeforeTheSpanTheSearchFound() {
        try (TestStore store = new TestStore(dir)) {
            TraceId trace = new TraceId(0x0123456789abcdefL, 99);
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("frontend", "GET /report").trace(trace).id(1)
                    .startMs(0).durationMs(20 * 60_000).build())));
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("db", "SELECT report").trace(trace).id(2).parent(1)
                    .startMs(15 * 60_000).durationMs(2_000).error("timeout").build())));
            JdbcTraceQueries traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED);

            List<TraceSummary> found = traces.search(new TraceSearch("db", null, null, null, null, List.of(),
                    new TimeRange(T0_NANOS + 14 * 60_000 * MS, T0_NANOS + 16 * 60_000 * MS), 20, TraceSearch.Sort.DURATION));

            assertThat(found).singleElement().satisfies(summary -> {
                assertThat(summary.rootService()).isEqualTo("frontend");
                assertThat(summary.rootName()).isEqualTo("GET /report");
                assertThat(summary.durationMs()).isEqualTo(20 * 60_000.0);
                assertThat(summary.spanCount()).isEqualTo(2);
                assertThat(summary.errorCount()).isEqualTo(1);
            });
            assertThat(traces.trace(trace).orElseThrow().spans()).hasSize(2);
            assertThat(traces.trace(trace, T0).orElseThrow().spans()).as("near its start").hasSize(2);
        }
    }
}
