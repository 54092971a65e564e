package dev.meridian.query.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.storage.jdbc.ExemplarCell;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill-down searches at more spans per minute than an exemplar cell keeps: the answers (from exemplars
 * where they can prove them, from the indexes otherwise) must equal a brute-force sort of what was written,
 * windows that cut minutes in half included. Every span is its own trace, so traces sort like spans.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrillDownSearchTest {

    static final int MINUTES = 4;
    static final int SPANS_PER_MINUTE = 3 * ExemplarCell.KEEP;

    @TempDir
    static Path dir;
    TestStore store;
    JdbcTraceQueries traces;
    final List<Span> written = new ArrayList<>();

    @BeforeAll
    void write() {
        store = new TestStore(dir);
        traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED);
        Random random = new Random(42);
        long id = 1;
        for (int minute = 0; minute < MINUTES; minute++) {
            List<Span> batch = new ArrayList<>();
            for (int i = 0; i < SPANS_PER_MINUTE; i++, id++) {
                String service = i % 3 == 0 ? "checkout" : "cart";
                // starts and durations distinct (the id below a millisecond, below 10 µs): ties have no stored order
                var span = span(service, i % 2 == 0 ? "GET /a" : "GET /b").trace(id, id).id(id)
                        .start(T0_NANOS + (minute * 60_000L + random.nextInt(60_000)) * MS + id)
                        .durationNanos(random.nextInt(500) * 10_000L + id);
                if (random.nextInt(20) == 0) {
                    span.error("boom");
                }
                batch.add(span.build());
            }
            written.addAll(batch);
            store.writer.write(TelemetryBatch.ofSpans(batch)); // one batch per minute: cells merge across batches too
        }
        // a burst: more spans within one second than a newest-first slice reads at first
        List<Span> burst = new ArrayList<>();
        for (int i = 0; i < 500; i++, id++) {
            burst.add(span("burst", "GET /c").trace(id, id).id(id)
                    .start(T0_NANOS + MINUTES * 60_000L * MS + random.nextLong(1_000_000_000L)) // distinct: no ties
                    .durationNanos(random.nextInt(500) * 10_000L + id).build());
        }
        written.addAll(burst);
        store.writer.write(TelemetryBatch.ofSpans(burst));
    }

    @AfterAll
    void close() {
        store.close();
    }

    List<String> expected(TimeRange range, Predicate<Span> filter, Comparator<Span> order, int limit) {
        return written.stream().filter(s -> s.startNanos() >= range.startNanos() && s.startNanos() < range.endNanos())
                .filter(filter).sorted(order).limit(limit).map(s -> s.traceId().toHex()).toList();
    }

    static List<String> ids(List<TraceSummary> found) {
        return found.stream().map(TraceSummary::traceId).toList();
    }

    static final Comparator<Span> SLOWEST = Comparator.comparingLong(Span::durationNanos).reversed();

    @Test
    void slowest_ofAServiceInAWindowThatCutsMinutes_matchesASortOfEverySpan() {
        TimeRange range = new TimeRange(T0_NANOS + 30_000 * MS, T0_NANOS + 150_000 * MS);
        for (int limit : new int[] {1, 20, ExemplarCell.KEEP}) {
            List<TraceSummary> found = traces.search(new TraceSearch("cart", null, null, null, null, List.of(), range, limit,
                    TraceSearch.Sort.DURATION));
            assertThat(ids(found)).as("limit " + limit)
                    .containsExactlyElementsOf(expected(range, s -> s.serviceName().equals("cart"), SLOWEST, limit));
        }
    }

    @Test
    void slowest_ofAnOperationAndOfEveryService_matchASortOfEverySpan() {
        TimeRange range = new TimeRange(T0_NANOS, T0_NANOS + MINUTES * 60_000 * MS);
        assertThat(ids(traces.search(new TraceSearch("checkout", "GET /b", null, null, null, List.of(), range, 20,
                TraceSearch.Sort.DURATION)))).containsExactlyElementsOf(expected(range,
                s -> s.serviceName().equals("checkout") && s.name().equals("GET /b"), SLOWEST, 20));
        assertThat(ids(traces.search(new TraceSearch(null, null, null, null, null, List.of(), range, 50,
                TraceSearch.Sort.DURATION)))).containsExactlyElementsOf(expected(range, s -> true, SLOWEST, 50));
    }

    @Test
    void failedAndMinimumDuration_matchASortOfEverySpan() {
        TimeRange range = new TimeRange(T0_NANOS + 10_000 * MS, T0_NANOS + 200_000 * MS);
        assertThat(ids(traces.search(new TraceSearch("cart", null, null, null, TraceSearch.Status.ERROR, List.of(), range, 10,
                TraceSearch.Sort.DURATION)))).containsExactlyElementsOf(expected(range,
                s -> s.serviceName().equals("cart") && s.status().isError(), SLOWEST, 10));
        assertThat(ids(traces.search(new TraceSearch("cart", null, 4.0, null, TraceSearch.Status.OK, List.of(), range, 30,
                TraceSearch.Sort.DURATION)))).containsExactlyElementsOf(expected(range,
                s -> s.serviceName().equals("cart") && !s.status().isError() && s.durationNanos() >= 4_000_000, SLOWEST, 30));
    }

    @Test
    void errorsFirst_listsEveryFailedTraceBeforeTheSlowestOthers() {
        TimeRange range = new TimeRange(T0_NANOS, T0_NANOS + 120_000 * MS);
        Comparator<Span> errorsFirst = Comparator.comparing((Span s) -> s.status().isError() ? 0 : 1).thenComparing(SLOWEST);
        assertThat(ids(traces.search(new TraceSearch("cart", null, null, null, null, List.of(), range, 40,
                TraceSearch.Sort.ERRORS)))).containsExactlyElementsOf(expected(range, s -> s.serviceName().equals("cart"),
                errorsFirst, 40));
    }

    @Test
    void newest_ofAServiceInAPastWindow_matchesASortOfEverySpan() {
        TimeRange range = new TimeRange(T0_NANOS + 45_000 * MS, T0_NANOS + 170_000 * MS);
        Comparator<Span> newest = Comparator.comparingLong(Span::startNanos).reversed();
        assertThat(ids(traces.search(new TraceSearch("checkout", null, null, null, null, List.of(), range, 25,
                TraceSearch.Sort.TIME)))).containsExactlyElementsOf(expected(range, s -> s.serviceName().equals("checkout"),
                newest, 25));
        assertThat(ids(traces.search(new TraceSearch(null, null, null, null, null, List.of(), range, 25,
                TraceSearch.Sort.TIME)))).containsExactlyElementsOf(expected(range, s -> true, newest, 25));
    }

    @Test
    void newest_inABurstDenserThanASlice_matchesASortOfEverySpan() {
        TimeRange range = new TimeRange(T0_NANOS + (MINUTES * 60_000L - 30_000) * MS, T0_NANOS + (MINUTES * 60_000L + 800) * MS);
        Comparator<Span> newest = Comparator.comparingLong(Span::startNanos).reversed();
        for (String service : new String[] {"burst", null}) {
            assertThat(ids(traces.search(new TraceSearch(service, null, null, null, null, List.of(), range, 150,
                    TraceSearch.Sort.TIME)))).as("service " + service).containsExactlyElementsOf(expected(range,
                    s -> service == null || s.serviceName().equals(service), newest, 150));
        }
    }

    @Test
    void attributeWithoutIndex_saysWhenTheScanBoundCutTheWindowShort() {
        TimeRange range = new TimeRange(T0_NANOS, T0_NANOS + MINUTES * 60_000 * MS);
        List<TraceSearch.AttributeFilter> nowhere = List.of(new TraceSearch.AttributeFilter("cart.size", "7"));
        for (TraceSearch.Sort sort : new TraceSearch.Sort[] {TraceSearch.Sort.DURATION, TraceSearch.Sort.TIME}) {
            TraceSearch search = new TraceSearch("cart", null, null, null, null, nowhere, range, 20, sort);
            JdbcTraceQueries bounded = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED, 200,
                    JdbcTraceQueries.SCAN_BUDGET);
            assertThat(bounded.searchWithCoverage(search)).as(sort.name()).satisfies(result -> {
                assertThat(result.traces()).isEmpty();
                assertThat(result.partial()).isTrue();
            });
            assertThat(traces.searchWithCoverage(search).partial()).as(sort.name()).isFalse(); // the default bound covers it
            JdbcTraceQueries hurried = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED,
                    JdbcTraceQueries.MAX_CANDIDATES, java.time.Duration.ofNanos(1));
            assertThat(hurried.searchWithCoverage(search).partial()).as(sort.name() + ", out of time").isTrue();
        }
    }

    @Test
    void moreTracesThanACellKeeps_fallsBackToTheIndexAndStaysExact() {
        TimeRange range = new TimeRange(T0_NANOS, T0_NANOS + MINUTES * 60_000 * MS);
        int limit = ExemplarCell.KEEP * 2;
        assertThat(ids(traces.search(new TraceSearch("cart", null, null, null, null, List.of(), range, limit,
                TraceSearch.Sort.DURATION)))).containsExactlyElementsOf(expected(range, s -> s.serviceName().equals("cart"),
                SLOWEST, limit));
    }

    @Test
    void slowest_inAWindowInsideOneMinute_isCompleteThoughTheCellDroppedSpans() {
        for (int second = 0; second < 60; second += 10) {
            TimeRange range = new TimeRange(T0_NANOS + (60 + second) * 1000 * MS, T0_NANOS + (70 + second) * 1000 * MS);
            assertThat(ids(traces.search(new TraceSearch("cart", null, null, null, null, List.of(), range, 20,
                    TraceSearch.Sort.DURATION)))).as("10 s from second " + second).containsExactlyElementsOf(expected(range,
                    s -> s.serviceName().equals("cart"), SLOWEST, 20));
        }
    }
}
