package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.RowKeys;
import dev.meridian.storage.jdbc.SpanRunCodec;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The candidate entry spans of a cohort: a service's spans with the given names that start in a window, from the
 * heads of its runs (key range and run times through {@code span_runs_service}, no details). Each candidate
 * carries its trace id, kind and whether it is a root, so the caller tells requests (SERVER, CONSUMER or root)
 * from INTERNAL spans of the same name without a second read.
 */
final class CohortCandidates {

    private CohortCandidates() {
    }

    record Candidate(long key, TraceId traceId, long startNanos, long durationNanos, boolean error, SpanKind kind,
                     boolean root) {

        /** A request to the service: a SERVER or CONSUMER span, or a root. */
        boolean entry() {
            return root || kind.isEntry();
        }
    }

    /** @param truncated more spans matched than were read ({@code max}): the rest of the window is not compared */
    record Read(List<Candidate> candidates, boolean truncated) {
    }

    static Read read(ReadBudget budget, int serviceId, List<Integer> nameIds, TimeRange range, int max) {
        long[] keys = RowKeys.spanKeyRange(range.startNanos(), range.endNanos());
        // a run with a span that starts in the window starts before its end and ends after its start
        Sql sql = new Sql().append("SELECT " + SpanRunRows.HEAD_COLUMNS + " FROM span_runs WHERE service_id = ?"
                        + " AND first_key >= ? AND first_key < ? AND start_ns < ? AND end_ns >= ?",
                serviceId, keys[0], keys[1], range.endNanos(), range.startNanos());
        Set<Integer> names = new HashSet<>(nameIds);
        // runs hold many spans: stop reading once one more than the bound matched
        ResultSetExtractor<List<Candidate>> firstMatches = rs -> {
            List<Candidate> found = new ArrayList<>();
            while (found.size() <= max && rs.next()) {
                SpanRunRows.Run run = SpanRunRows.run(rs);
                for (SpanRunCodec.Head head : run.heads()) {
                    if (found.size() <= max && names.contains(head.nameId()) && range.contains(head.startNanos())) {
                        found.add(new Candidate(head.key(), run.traceId(), head.startNanos(), head.durationNanos(),
                                head.error(), SpanKind.fromOtlp(head.kind()), head.root()));
                    }
                }
            }
            return found;
        };
        List<Candidate> found = budget.jdbc().query(sql.text(), firstMatches, sql.parameters());
        boolean truncated = found.size() > max;
        return new Read(truncated ? found.subList(0, max) : found, truncated);
    }
}
