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

    /** @param callerId the caller's service id, or null for "any other service" */
    TracesThroughCall(Integer callerId, int calleeId) {
        this.callerId = callerId;
        this.calleeId = calleeId;
    }

    /** The traces among {@code traces} that pass, in their order. */
    List<TraceId> retain(ReadBudget budget, List<TraceId> traces) {
        if (traces.isEmpty()) {
            return traces;
        }
        Set<TraceId> wanted = new HashSet<>(traces);
        List<Long> his = new ArrayList<>(new HashSet<>(traces.stream().map(TraceId::hi).toList()));
        List<SpanRow> rows = new ArrayList<>();
        for (int from = 0; from < his.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT DISTINCT s.trace_hi, s.trace_lo, s.span_id, s.parent_span_id, s.service_id"
                    + " FROM trace_runs r JOIN spans s ON s.span_key BETWEEN r.first_key AND r.last_key"
                    + " AND s.trace_hi = r.trace_hi WHERE ").inList("r.trace_hi", his.subList(from, Math.min(his.size(), from + CHUNK)));
            budget.jdbc().query(sql.text(), rs -> {
                TraceId traceId = new TraceId(rs.getLong(1), rs.getLong(2));
                if (wanted.contains(traceId)) {
                    rows.add(new SpanRow(traceId, rs.getLong(3), rs.getLong(4), rs.getInt(5)));
                }
            }, sql.parameters());
        }
        Set<TraceId> through = matches(rows);
        return traces.stream().filter(through::contains).toList();
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
