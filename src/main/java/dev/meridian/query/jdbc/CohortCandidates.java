package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.RowKeys;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry spans of a cohort: (1) key, start, duration and status of a service's spans with the given names in a
 * window, from the covering index {@code spans_service_key (service_id, span_key, start_ns, duration_ns,
 * status_code, name_id)} without reading a row; (2) for sampled keys, the trace ids of those that are entry spans
 * (SERVER or CONSUMER, or a root), by primary key.
 */
final class CohortCandidates {

    private static final int CHUNK = 500;

    private CohortCandidates() {
    }

    record Candidate(long key, long startNanos, long durationNanos, boolean error) {
    }

    /** @param truncated more spans matched than were read ({@code max}): the rest of the window is not compared */
    record Read(List<Candidate> candidates, boolean truncated) {
    }

    static Read read(ReadBudget budget, int serviceId, List<Integer> nameIds, TimeRange range, int max) {
        long[] keys = RowKeys.spanKeyRange(range.startNanos(), range.endNanos());
        Sql sql = new Sql().append("SELECT span_key, start_ns, duration_ns, status_code FROM spans WHERE service_id = ?"
                        + " AND span_key >= ? AND span_key < ? AND start_ns >= ? AND start_ns < ? AND ",
                serviceId, keys[0], keys[1], range.startNanos(), range.endNanos())
                .inList("name_id", nameIds).append(" LIMIT ?", max + 1);
        List<Candidate> found = new ArrayList<>();
        budget.jdbc().query(sql.text(), rs -> {
            found.add(new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), StatusCode.fromOtlp(rs.getInt(4)) == StatusCode.ERROR));
        }, sql.parameters());
        boolean truncated = found.size() > max;
        return new Read(truncated ? found.subList(0, max) : found, truncated);
    }

    /** The trace id of each key that is an entry span (SERVER, CONSUMER or root). */
    static Map<Long, TraceId> entryTraces(ReadBudget budget, List<Long> keys) {
        return traces(budget, keys, false);
    }

    /** The trace id of each key that is a root span. */
    static Map<Long, TraceId> rootTraces(ReadBudget budget, List<Long> keys) {
        return traces(budget, keys, true);
    }

    private static Map<Long, TraceId> traces(ReadBudget budget, List<Long> keys, boolean rootsOnly) {
        Map<Long, TraceId> traces = new HashMap<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT span_key, trace_hi, trace_lo, parent_span_id, kind FROM spans WHERE ")
                    .inList("span_key", keys.subList(from, Math.min(keys.size(), from + CHUNK)));
            budget.jdbc().query(sql.text(), rs -> {
                boolean root = rs.getLong(4) == 0;
                if (root || !rootsOnly && SpanKind.fromOtlp(rs.getInt(5)).isEntry()) {
                    traces.put(rs.getLong(1), new TraceId(rs.getLong(2), rs.getLong(3)));
                }
            }, sql.parameters());
        }
        return traces;
    }
}
