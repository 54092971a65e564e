package dev.meridian.query.jdbc;

import dev.meridian.query.TraceSearch;
import dev.meridian.storage.jdbc.ExemplarCell;
import dev.meridian.storage.jdbc.ExemplarCell.SpanRef;
import dev.meridian.telemetry.TimeRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the exemplar cells of a window into the spans a search would pick first, and says how far that
 * list is proven: a cell keeps only its slowest spans, so a span of the list is <em>proven</em> when no
 * span the cells dropped could come before it in the search's order (it is slower than every cell's cutoff).
 * A search answered from the proven prefix alone is exact; one that needs more falls back to a scan.
 *
 * <p>Pure: no database, unit-tested on crafted cells.
 */
final class ExemplarMerge {

    /** A candidate span, and whether every span that sorts before it is known. */
    record Candidate(SpanRef span, boolean proven) {
    }

    private ExemplarMerge() {
    }

    /**
     * Whether exemplars can answer this search at all (else: scan). Whether they do depends on the cells:
     * more traces than a cell keeps need a window of several minutes to be proven.
     */
    static boolean answers(TraceSearch search, TraceSearch.Sort sort) {
        return sort != TraceSearch.Sort.TIME && search.maxDurationMs() == null && search.calls() == null
                && (search.attributes() == null || search.attributes().isEmpty())
                && (search.operation() == null || search.service() != null);
    }

    /**
     * Whether the cells kept every span the search could match, so that {@link #candidates} are all there
     * are. Every candidate being proven is not enough: a cell's kept span at its cutoff may lie outside the
     * window (a window inside a minute) or fail the status filter, while spans it dropped match.
     */
    static boolean complete(List<ExemplarCell> cells, TraceSearch search) {
        long minDuration = search.minDurationMs() == null ? Long.MIN_VALUE : (long) Math.ceil(search.minDurationMs() * 1_000_000);
        boolean errorsOnly = search.status() == TraceSearch.Status.ERROR;
        for (ExemplarCell cell : cells) {
            long cutoff = errorsOnly ? cell.errorCutoffNanos() : cell.slowestCutoffNanos();
            if (cutoff >= 0 && cutoff >= minDuration) {
                return false;
            }
        }
        return true;
    }

    /** The matching spans of the cells in the search's order (slowest first; failed first for ERRORS). */
    static List<Candidate> candidates(List<ExemplarCell> cells, TraceSearch search, TimeRange range, TraceSearch.Sort sort) {
        long minDuration = search.minDurationMs() == null ? Long.MIN_VALUE : (long) Math.ceil(search.minDurationMs() * 1_000_000);
        TraceSearch.Status status = search.status();
        long slowCutoff = -1;
        long errorCutoff = -1;
        List<SpanRef> errors = new ArrayList<>();
        List<SpanRef> others = new ArrayList<>();
        boolean errorsOnly = status == TraceSearch.Status.ERROR;
        boolean errorsFirst = sort == TraceSearch.Sort.ERRORS && status != TraceSearch.Status.OK;
        for (ExemplarCell cell : cells) {
            slowCutoff = Math.max(slowCutoff, cell.slowestCutoffNanos());
            errorCutoff = Math.max(errorCutoff, cell.errorCutoffNanos());
            if (errorsOnly || errorsFirst) {
                for (SpanRef span : cell.slowestErrors()) {
                    if (matches(span, range, minDuration)) {
                        errors.add(span);
                    }
                }
            }
            if (!errorsOnly) {
                for (SpanRef span : cell.slowest()) {
                    boolean keep = matches(span, range, minDuration)
                            && !(status == TraceSearch.Status.OK && span.error())
                            && !(errorsFirst && span.error()); // failed spans come from the error lists then
                    if (keep) {
                        others.add(span);
                    }
                }
            }
        }
        Comparator<SpanRef> slowestFirst = Comparator.comparingLong(SpanRef::durationNanos).reversed()
                .thenComparing(Comparator.comparingLong(SpanRef::key).reversed());
        errors.sort(slowestFirst);
        others.sort(slowestFirst);
        List<Candidate> ordered = new ArrayList<>(errors.size() + others.size());
        boolean proven = true;
        for (SpanRef span : errors) {
            proven &= span.durationNanos() > errorCutoff;
            ordered.add(new Candidate(span, proven));
        }
        // a dropped failed span would sort before every other span: the rest is proven only when none was dropped
        if ((errorsOnly || errorsFirst) && errorCutoff >= 0 && errorCutoff >= minDuration) {
            proven = false;
        }
        for (SpanRef span : others) {
            proven &= span.durationNanos() > slowCutoff;
            ordered.add(new Candidate(span, proven));
        }
        return ordered;
    }

    private static boolean matches(SpanRef span, TimeRange range, long minDuration) {
        return span.startNanos() >= range.startNanos() && span.startNanos() < range.endNanos()
                && span.durationNanos() >= minDuration;
    }
}
