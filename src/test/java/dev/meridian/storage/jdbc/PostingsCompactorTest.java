package dev.meridian.storage.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.query.jdbc.JdbcTraceQueries;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostingsCompactorTest {

    @TempDir
    Path dir;

    @Test
    void compact_mergesTheRowsOfClosedWindows_andSearchesFindTheSameTraces() {
        // spans keyed in the past (the writer keys them at start + lateness): many small transactions
        try (TestStore store = new TestStore(dir)) {
            for (int batch = 0; batch < 40; batch++) {
                List<Span> spans = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int n = batch * 5 + i;
                    spans.add(span("shop", "GET /cart").trace(n + 1, n + 1).startMs(n * 1_000L).durationMs(n)
                            .attributes("http.route", n % 2 == 0 ? "/cart" : "/pay", "order.id", "o-" + n).build());
                }
                store.writer.write(TelemetryBatch.ofSpans(spans));
            }
            JdbcTraceQueries traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, List.of("http.route", "order.id"));
            TimeRange window = new TimeRange(T0_NANOS, T0_NANOS + 3_600_000 * MS);
            TraceSearch cart = new TraceSearch(null, null, null, null, null,
                    List.of(TraceSearch.AttributeFilter.parse("http.route=/cart")), window, 5, TraceSearch.Sort.DURATION);
            TraceSearch order = new TraceSearch(null, null, null, null, null,
                    List.of(TraceSearch.AttributeFilter.parse("order.id=o-77")), window, 5, TraceSearch.Sort.DURATION);
            List<String> cartBefore = traces.search(cart).stream().map(TraceSummary::traceId).toList();
            List<String> orderBefore = traces.search(order).stream().map(TraceSummary::traceId).toList();
            long postingsBefore = store.attributePostings();
            long rowsBefore = store.count("attribute_postings");

            PostingsCompactor compactor = new PostingsCompactor(store.dataSource,
                    Clock.fixed(Instant.now().plusSeconds(3_600), ZoneOffset.UTC));
            long removed = compactor.compact();

            assertThat(removed).isPositive();
            assertThat(store.count("attribute_postings")).isEqualTo(rowsBefore - removed)
                    .isLessThanOrEqualTo(2 * 128L); // the test's spans lie in one or two windows
            assertThat(store.attributePostings()).isEqualTo(postingsBefore).isEqualTo(400);
            assertThat(cartBefore).hasSize(5);
            assertThat(traces.search(cart)).extracting(TraceSummary::traceId).containsExactlyElementsOf(cartBefore);
            assertThat(orderBefore).hasSize(1);
            assertThat(traces.search(order)).extracting(TraceSummary::traceId).containsExactlyElementsOf(orderBefore);
            assertThat(compactor.compact()).as("a second run finds nothing to merge").isZero();
        }
    }

    @Test
    void compact_leavesTheOpenWindowAlone() {
        try (TestStore store = new TestStore(dir)) {
            long now = System.currentTimeMillis();
            for (int batch = 0; batch < 3; batch++) {
                store.writer.write(TelemetryBatch.ofSpans(List.of(span("shop", "op").trace(batch + 1, 1)
                        .startMs(now - T0_NANOS / MS + batch).attributes("http.route", "/cart").build())));
            }
            long rows = store.count("attribute_postings");

            new PostingsCompactor(store.dataSource, Clock.systemUTC()).compact();

            assertThat(rows).isEqualTo(3);
            assertThat(store.count("attribute_postings")).isEqualTo(rows);
        }
    }
}
