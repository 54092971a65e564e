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
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexed attribute searches answer from the attribute postings: compared with a brute-force sort of the spans, over
 * 40 minutes of spans (several key windows of the postings, which the search window cuts), in many transactions, with
 * a service, a minimum duration and the error filter, in every order.
 */
class IndexedAttributeSearchTest {

    private static final TimeRange WINDOW = new TimeRange(T0_NANOS + 7 * 60_000 * MS, T0_NANOS + 31 * 60_000 * MS);
    private static final int LIMIT = 10;

    @TempDir
    Path dir;

    /** One span per trace, so that a trace's duration, start and errors are its span's. */
    private static List<Span> spans() {
        Random random = new Random(6);
        List<Integer> durations = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            durations.add(i + 1); // distinct: the expected order has no ties
        }
        Collections.shuffle(durations, random);
        List<Span> spans = new ArrayList<>();
        for (int t = 0; t < 3_000; t++) {
            var builder = span(t % 3 == 0 ? "a" : "b", "op").trace(t + 1, t + 1).startMs(t * 800L).durationMs(durations.get(t))
                    .attributes("http.route", List.of("/cart", "/pay", "/home").get(random.nextInt(3)));
            spans.add((random.nextInt(10) == 0 ? builder.error("failed") : builder).build());
        }
        return spans;
    }

    private static List<String> expected(List<Span> spans, Predicate<Span> filter, Comparator<Span> order) {
        return spans.stream().filter(s -> s.startNanos() >= WINDOW.startNanos() && s.startNanos() < WINDOW.endNanos())
                .filter(filter).sorted(order).limit(LIMIT).map(s -> s.traceId().toHex()).sorted().toList();
    }

    private static List<String> found(JdbcTraceQueries queries, TraceSearch search) {
        TraceQueries.SearchResult result = queries.searchWithCoverage(search);
        assertThat(result.partial()).isFalse();
        return result.traces().stream().map(TraceSummary::traceId).sorted().toList();
    }

    @Test
    void search_byIndexedAttribute_matchesABruteForceSort_inEveryOrder() {
        try (TestStore store = new TestStore(dir)) {
            List<Span> spans = spans();
            for (int from = 0; from < spans.size(); from += 97) { // many transactions, many rows per window
                store.writer.write(TelemetryBatch.ofSpans(spans.subList(from, Math.min(spans.size(), from + 97))));
            }
            JdbcTraceQueries queries = new JdbcTraceQueries(store.dataSource, store.dictionaries, List.of("http.route"));
            Predicate<Span> cart = s -> "/cart".equals(s.attributes().getString("http.route"));
            Comparator<Span> slowest = Comparator.comparingLong(Span::durationNanos).reversed();
            Comparator<Span> newest = Comparator.comparingLong(Span::startNanos).reversed();
            Comparator<Span> failedFirst = Comparator.comparing((Span s) -> s.status().isError() ? 0 : 1).thenComparing(slowest);
            List<TraceSearch.AttributeFilter> byCart = List.of(TraceSearch.AttributeFilter.parse("http.route=/cart"));

            for (boolean compacted : List.of(false, true)) {
                if (compacted) {
                    new dev.meridian.storage.jdbc.PostingsCompactor(store.dataSource,
                            java.time.Clock.fixed(java.time.Instant.now().plusSeconds(3_600), java.time.ZoneOffset.UTC)).compact();
                }
                assertThat(found(queries, new TraceSearch(null, null, null, null, null, byCart, WINDOW, LIMIT, TraceSearch.Sort.DURATION)))
                        .isEqualTo(expected(spans, cart, slowest));
                assertThat(found(queries, new TraceSearch(null, null, null, null, null, byCart, WINDOW, LIMIT, TraceSearch.Sort.TIME)))
                        .isEqualTo(expected(spans, cart, newest));
                assertThat(found(queries, new TraceSearch(null, null, null, null, null, byCart, WINDOW, LIMIT, TraceSearch.Sort.ERRORS)))
                        .isEqualTo(expected(spans, cart, failedFirst));
                assertThat(found(queries, new TraceSearch("a", null, 500.0, null, TraceSearch.Status.ERROR, byCart, WINDOW, LIMIT,
                        TraceSearch.Sort.DURATION)))
                        .isEqualTo(expected(spans, cart.and(s -> s.serviceName().equals("a") && s.status().isError()
                                && s.durationNanos() >= 500 * MS), slowest));
            }
        }
    }

    @Test
    void search_byIndexedAttribute_pastItsTimeBudget_saysPartial() {
        try (TestStore store = new TestStore(dir)) {
            store.writer.write(TelemetryBatch.ofSpans(spans()));
            JdbcTraceQueries queries = new JdbcTraceQueries(store.dataSource, store.dictionaries, List.of("http.route"), 1_000,
                    Duration.ZERO);

            TraceQueries.SearchResult result = queries.searchWithCoverage(new TraceSearch(null, null, null, null, null,
                    List.of(TraceSearch.AttributeFilter.parse("http.route=/cart")), WINDOW, LIMIT, TraceSearch.Sort.DURATION));

            assertThat(result.partial()).isTrue();
        }
    }
}
