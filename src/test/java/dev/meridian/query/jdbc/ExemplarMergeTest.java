package dev.meridian.query.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.TraceSearch;
import dev.meridian.storage.jdbc.ExemplarCell;
import dev.meridian.storage.jdbc.ExemplarCell.SpanRef;
import dev.meridian.telemetry.TimeRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExemplarMergeTest {

    static final TimeRange ALL = new TimeRange(0, 1_000_000);

    static TraceSearch search(TraceSearch.Status status, Double minDurationMs, TraceSearch.Sort sort) {
        return new TraceSearch("svc", null, minDurationMs, null, status, List.of(), ALL, 20, sort);
    }

    static ExemplarCell cell(SpanRef... spans) {
        return ExemplarCell.of(spans);
    }

    @Test
    void candidates_areSlowestFirstAndProvenWhileSlowerThanEveryCutoff() {
        // cell A saw 200 spans of 1..200 µs (keeps the slowest 100: cutoff 101 µs); cell B 3 spans, all kept
        SpanRef[] a = new SpanRef[200];
        for (int i = 0; i < 200; i++) {
            a[i] = new SpanRef(i, 10, (i + 1) * 1000L, false);
        }
        List<ExemplarMerge.Candidate> found = ExemplarMerge.candidates(
                List.of(cell(a), cell(new SpanRef(900, 20, 150_000, false), new SpanRef(901, 20, 50_000, false),
                        new SpanRef(902, 20, 101_000, false))),
                search(null, null, TraceSearch.Sort.DURATION), ALL, TraceSearch.Sort.DURATION);

        assertThat(found.getFirst().span().key()).isEqualTo(199);
        assertThat(found.stream().filter(ExemplarMerge.Candidate::proven).map(c -> c.span().durationNanos()))
                .allMatch(d -> d > 101_000).hasSize(100 - 1 + 1); // 102..200 µs from A (99) and 150 µs from B
        // the 101 µs spans tie with A's cutoff: A may have dropped another one of 101 µs, so they are not proven
        assertThat(found.stream().filter(c -> c.span().durationNanos() == 101_000)).noneMatch(ExemplarMerge.Candidate::proven);
    }

    @Test
    void candidates_filterByWindowMinimumDurationAndStatus() {
        ExemplarCell cell = cell(new SpanRef(1, 5, 9_000_000, true), new SpanRef(2, 500, 8_000_000, false),
                new SpanRef(3, 2_000_000, 7_000_000, false), new SpanRef(4, 6, 1_000_000, false));
        assertThat(keys(ExemplarMerge.candidates(List.of(cell), search(TraceSearch.Status.OK, 2.0, TraceSearch.Sort.DURATION),
                ALL, TraceSearch.Sort.DURATION))).containsExactly(2L); // 3 is outside the window, 4 too fast, 1 failed
        assertThat(keys(ExemplarMerge.candidates(List.of(cell), search(TraceSearch.Status.ERROR, null, TraceSearch.Sort.DURATION),
                ALL, TraceSearch.Sort.DURATION))).containsExactly(1L);
    }

    @Test
    void candidates_putFailedSpansFirstForTheErrorsOrder() {
        ExemplarCell cell = cell(new SpanRef(1, 5, 9_000_000, false), new SpanRef(2, 6, 1_000_000, true),
                new SpanRef(3, 7, 5_000_000, false));
        List<ExemplarMerge.Candidate> found = ExemplarMerge.candidates(List.of(cell), search(null, null, TraceSearch.Sort.ERRORS),
                ALL, TraceSearch.Sort.ERRORS);
        assertThat(keys(found)).containsExactly(2L, 1L, 3L);
        assertThat(found).allMatch(ExemplarMerge.Candidate::proven);
    }

    @Test
    void complete_whenNoCellDroppedASpanTheSearchCouldMatch() {
        SpanRef[] many = new SpanRef[ExemplarCell.KEEP + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = new SpanRef(i, 10, (i + 1) * 1_000_000L, i == 0); // 1..101 ms; the 1 ms one is dropped
        }
        ExemplarCell dropped = cell(many);
        ExemplarCell keptAll = cell(new SpanRef(500, 10, 5_000_000, false));
        assertThat(ExemplarMerge.complete(List.of(keptAll), search(null, null, TraceSearch.Sort.DURATION))).isTrue();
        assertThat(ExemplarMerge.complete(List.of(keptAll, dropped), search(null, null, TraceSearch.Sort.DURATION))).isFalse();
        // what was dropped is no slower than the cutoff (2 ms): faster than the minimum; and no failed span was dropped
        assertThat(ExemplarMerge.complete(List.of(dropped), search(null, 1.5, TraceSearch.Sort.DURATION))).isFalse();
        assertThat(ExemplarMerge.complete(List.of(dropped), search(null, 2.5, TraceSearch.Sort.DURATION))).isTrue();
        assertThat(ExemplarMerge.complete(List.of(dropped), search(TraceSearch.Status.ERROR, null, TraceSearch.Sort.DURATION))).isTrue();
    }

    @Test
    void answers_onlySearchesExemplarsCanProve() {
        assertThat(ExemplarMerge.answers(search(null, null, TraceSearch.Sort.DURATION), TraceSearch.Sort.DURATION)).isTrue();
        assertThat(ExemplarMerge.answers(search(null, null, TraceSearch.Sort.TIME), TraceSearch.Sort.TIME)).isFalse();
        TraceSearch withAttribute = new TraceSearch("svc", null, null, null, null,
                List.of(new TraceSearch.AttributeFilter("k", "v")), ALL, 20, TraceSearch.Sort.DURATION);
        assertThat(ExemplarMerge.answers(withAttribute, TraceSearch.Sort.DURATION)).isFalse();
        TraceSearch withMaximum = new TraceSearch("svc", null, null, 5.0, null, List.of(), ALL, 20, TraceSearch.Sort.DURATION);
        assertThat(ExemplarMerge.answers(withMaximum, TraceSearch.Sort.DURATION)).isFalse();
    }

    private static List<Long> keys(List<ExemplarMerge.Candidate> candidates) {
        return candidates.stream().map(c -> c.span().key()).toList();
    }
}
