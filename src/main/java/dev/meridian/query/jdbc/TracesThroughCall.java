package dev.meridian.query.jdbc;

import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code calls} filter of a trace search ({@link dev.meridian.query.TraceSearch#calls()}): keeps the traces
 * that have a span of the callee whose parent span is of the caller (of any other service when the caller is
 * not given). Reads the candidate traces' spans (ids, parent ids, services; no detail) through
 * {@code trace_runs}, as the search's summaries do, and decides in {@link #matches}.
 */
final class TracesThroughCall {

    /** One span of a candidate trace, as far as the filter needs it. */
    record SpanRow(TraceId traceId, long spanId, long parentSpanId, int serviceId) {
    }

    private static final int CHUNK = 500;

    private final Integer callerId;
    private final int calleeId;
    private final int maxRows;
    /**
     * Every trace decided so far in this search: the newest-first search collects its traces again on each
     * slice, and reading each trace's spans once per slice was quadratic in the slices (a busy caller of a rare
     * callee ran out of time before it found anything).
     */
    private final Map<TraceId, Boolean> decided = new HashMap<>();
    private boolean truncated;

    /**
     * @param callerId the caller's service id, or null for "any other service"
     * @param maxRows  the row cap of a statement ({@link dev.meridian.query.QueryLimits#maxRows()}): a chunk
     *                 that reaches it may miss spans, so it is read again in halves
     */
    TracesThroughCall(Integer callerId, int calleeId, int maxRows) {
        this.callerId = callerId;
        this.calleeId = calleeId;
        this.maxRows = maxRows;
    }

    /**
     * Whether a trace could not be decided because its spans alone reach the statement's row cap: it was left
     * out, so the search is partial.
     */
    boolean truncated() {
        return truncated;
    }

    /** The traces among {@code traces} that pass, in their order; each trace's spans are read once per search. */
    List<TraceId> retain(ReadBudget budget, List<TraceId> traces) {
        List<TraceId> undecided = traces.stream().filter(t -> !decided.containsKey(t)).distinct().toList();
        for (int from = 0; from < undecided.size(); from += CHUNK) {
            decide(budget, undecided.subList(from, Math.min(undecided.size(), from + CHUNK)));
        }
        return traces.stream().filter(t -> Boolean.TRUE.equals(decided.get(t))).toList();
    }

    /** Reads the spans of {@code traces} and decides them; a read that reaches the row cap is split. */
    private void decide(ReadBudget budget, List<TraceId> traces) {
        Set<TraceId> wanted = new HashSet<>(traces);
        List<Long> his = new ArrayList<>(new HashSet<>(traces.stream().map(TraceId::hi).toList()));
        Sql sql = new Sql().append("SELECT DISTINCT s.trace_hi, s.trace_lo, s.span_id, s.parent_span_id, s.service_id"
                + " FROM trace_runs r JOIN spans s ON s.span_key BETWEEN r.first_key AND r.last_key"
                + " AND s.trace_hi = r.trace_hi WHERE ").inList("r.trace_hi", his);
        List<SpanRow> rows = new ArrayList<>();
        int[] read = {0};
        budget.jdbc().query(sql.text(), rs -> {
            read[0]++;
            TraceId traceId = new TraceId(rs.getLong(1), rs.getLong(2));
            if (wanted.contains(traceId)) {
                rows.add(new SpanRow(traceId, rs.getLong(3), rs.getLong(4), rs.getInt(5)));
            }
        }, sql.parameters());
        if (read[0] >= maxRows) { // setMaxRows drops the rest silently: a trace with missing spans would be left out
            if (traces.size() == 1) {
                truncated = true; // undecided: not in the answer, and the search says it is partial
                return;
            }
            int half = traces.size() / 2;
            decide(budget, traces.subList(0, half));
            decide(budget, traces.subList(half, traces.size()));
            return;
        }
        Set<TraceId> through = matches(rows);
        for (TraceId traceId : traces) {
            decided.put(traceId, through.contains(traceId));
        }
    }

    /** The traces of {@code spans} with a callee span whose parent is a span of the caller (or of another service). */
    Set<TraceId> matches(Collection<SpanRow> spans) {
        Map<TraceId, Map<Long, Integer>> servicesBySpan = new HashMap<>();
        for (SpanRow span : spans) {
            servicesBySpan.computeIfAbsent(span.traceId(), t -> new HashMap<>()).put(span.spanId(), span.serviceId());
        }
        Set<TraceId> through = new HashSet<>();
        for (SpanRow span : spans) {
            if (span.serviceId() != calleeId || span.parentSpanId() == 0) {
                continue;
            }
            Integer parentService = servicesBySpan.get(span.traceId()).get(span.parentSpanId());
            if (parentService != null && (callerId == null ? parentService != calleeId : parentService.equals(callerId))) {
                through.add(span.traceId());
            }
        }
        return through;
    }

    @Override
    public String toString() {
        return "TracesThroughCall{" + callerId + " -> " + calleeId + "}";
    }
}
