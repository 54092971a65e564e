package dev.meridian.query.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.QueryLimits;
import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code calls} filter where the callee is rare among many traces of the caller (a map edge's link: newest
 * first, limit 100): the few traces through the call are the oldest, so every caller trace must be decided, and
 * a statement's row cap (small here, reached by a chunk of traces of 13 spans) must not silently drop the spans
 * that decide them.
 */
class TracesThroughCallSearchTest {

    static final int BUSY = 2247; // with the 3 rare: 4500 caller spans, whole chunks of 500
    static final int MAX_ROWS = 1000;

    @TempDir
    Path dir;

    @Test
    void rareCallee_amongManyCallerTraces_foundCompletelyAndNotPartial() {
        try (TestStore store = new TestStore(dir)) {
            List<Span> spans = new ArrayList<>();
            List<String> rare = new ArrayList<>();
            for (int i = 0; i < BUSY + 3; i++) {
                // the traces through the call are the oldest and have the highest trace ids
                TraceId trace = i < 3 ? new TraceId(1_000_000 + i, 7) : new TraceId(i, 7);
                long start = i * 1000L;
                spans.add(span("busy", "GET /a").trace(trace).id(1).startMs(start).durationMs(10).build());
                spans.add(span("busy", "GET other").trace(trace).id(2).parent(1).kind(SpanKind.CLIENT)
                        .startMs(start + 1).durationMs(5).build());
                // the caller's other callee answers with many spans: a chunk of traces reaches the row cap
                spans.add(span("other", "GET other").trace(trace).id(3).parent(2).startMs(start + 2).durationMs(3).build());
                for (int c = 0; c < 10; c++) {
                    spans.add(span("other", "work").trace(trace).id(10 + c).parent(3).kind(SpanKind.INTERNAL)
                            .startMs(start + 2).durationMs(1).build());
                }
                if (i < 3) {
                    spans.add(span("rare", "GET /r").trace(trace).id(3).parent(2).startMs(start + 2).durationMs(2).build());
                    rare.add(0, trace.toHex());
                }
            }
            for (int from = 0; from < spans.size(); from += 500) {
                store.writer.write(TelemetryBatch.ofSpans(spans.subList(from, Math.min(spans.size(), from + 500))));
            }
            QueryLimits limits = new QueryLimits(QueryLimits.DEFAULTS.timeout(), MAX_ROWS,
                    QueryLimits.DEFAULTS.maxTraceSpans(), QueryLimits.DEFAULTS.maxLogBodyChars(),
                    QueryLimits.DEFAULTS.maxCandidates());
            JdbcTraceQueries traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED, limits);
            TimeRange window = new TimeRange(T0_NANOS, T0_NANOS + (BUSY + 10) * 1000L * MS);

            TraceQueries.SearchResult result = traces.searchWithCoverage(new TraceSearch("busy", null, null, null, null,
                    List.of(), window, 100, TraceSearch.Sort.TIME, "rare"));

            assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactlyElementsOf(rare);
            assertThat(result.partial()).isFalse();
        }
    }

    @Test
    void matchesWhatTheMapCounts_notInternalSpansNorDatabaseClients() {
        try (TestStore store = new TestStore(dir)) {
            TraceId call = new TraceId(0xA1, 1);
            TraceId internalCallee = new TraceId(0xA2, 2);
            TraceId internalCaller = new TraceId(0xA3, 3);
            TraceId databaseClient = new TraceId(0xA4, 4);
            store.writer.write(TelemetryBatch.ofSpans(List.of(
                    // a call: frontend's CLIENT span, cart's SERVER span
                    span("frontend", "GET /").trace(call).id(1).startMs(0).durationMs(50).build(),
                    span("frontend", "GET cart").trace(call).id(2).parent(1).kind(SpanKind.CLIENT).startMs(1).durationMs(40).build(),
                    span("cart", "GET /cart").trace(call).id(3).parent(2).startMs(2).durationMs(30).build(),
                    // an INTERNAL child in the callee service: no call
                    span("frontend", "GET /").trace(internalCallee).id(1).startMs(100).durationMs(50).build(),
                    span("cart", "work").trace(internalCallee).id(2).parent(1).kind(SpanKind.INTERNAL).startMs(101).durationMs(5).build(),
                    // cart's SERVER span under an INTERNAL span of frontend: no call either
                    span("frontend", "GET /").trace(internalCaller).id(1).startMs(200).durationMs(50).build(),
                    span("frontend", "render").trace(internalCaller).id(2).parent(1).kind(SpanKind.INTERNAL).startMs(201).durationMs(40).build(),
                    span("cart", "GET /cart").trace(internalCaller).id(3).parent(2).startMs(202).durationMs(30).build(),
                    // a database client span (db.system) with a SERVER child: the map does not pair database calls
                    span("frontend", "GET /").trace(databaseClient).id(1).startMs(300).durationMs(50).build(),
                    span("frontend", "SELECT").trace(databaseClient).id(2).parent(1).kind(SpanKind.CLIENT)
                            .attributes("db.system", "postgresql").startMs(301).durationMs(40).build(),
                    span("cart", "SELECT").trace(databaseClient).id(3).parent(2).startMs(302).durationMs(30).build())));
            JdbcTraceQueries traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED);
            TimeRange window = new TimeRange(T0_NANOS, T0_NANOS + 60_000 * MS);

            for (TraceSearch.Sort sort : TraceSearch.Sort.values()) {
                assertThat(traces.search(new TraceSearch("frontend", null, null, null, null, List.of(), window, 20, sort, "cart")))
                        .as(sort.name()).extracting(TraceSummary::traceId).containsExactly(call.toHex());
                assertThat(traces.search(new TraceSearch(null, null, null, null, null, List.of(), window, 20, sort, "cart")))
                        .as(sort.name()).extracting(TraceSummary::traceId).containsExactly(call.toHex());
            }
            JdbcServiceMapQueries map = new JdbcServiceMapQueries(store.dataSource, store.dictionaries,
                    new JdbcServiceQueries(store.dataSource, store.dictionaries), QueryLimits.DEFAULTS);
            assertThat(map.serviceMap(window).edges()).singleElement()
                    .satisfies(edge -> assertThat(edge.requestCount()).isEqualTo(1));
        }
    }
}
