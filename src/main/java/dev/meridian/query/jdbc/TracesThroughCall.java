package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.CallSides;
import dev.meridian.storage.jdbc.CompressionDictionaries;
import dev.meridian.storage.jdbc.DetailCodec;
import dev.meridian.telemetry.SpanKind;
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
 * with a call the service map counts ({@link CallSides}, the rule of the pairing at ingest): a SERVER/CONSUMER
 * span of the callee whose parent span is of the caller (of any other service when the caller is not given) and
 * is its CLIENT/PRODUCER span, not a database client's, or its SERVER/CONSUMER span. Reads the candidate
 * traces' spans (ids, parent ids, services, kinds; no detail) through {@code trace_runs}, as the search's
 * summaries do, and decides in {@link #callerSides}; only the client spans found as callers are read with
 * their detail, for their {@code db.system}.
 */
final class TracesThroughCall {

    /** One span of a candidate trace, as far as the filter needs it. */
    record SpanRow(TraceId traceId, long spanKey, long spanId, long parentSpanId, int serviceId, SpanKind kind) {
    }

    private static final int CHUNK = 500;

    private final Integer callerId;
    private final int calleeId;
    private final int maxRows;
    private final CompressionDictionaries compression;
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
    TracesThroughCall(Integer callerId, int calleeId, int maxRows, CompressionDictionaries compression) {
        this.callerId = callerId;
        this.calleeId = calleeId;
        this.maxRows = maxRows;
        this.compression = compression;
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
        Sql sql = new Sql().append("SELECT DISTINCT s.trace_hi, s.trace_lo, s.span_key, s.span_id, s.parent_span_id,"
                + " s.service_id, s.kind"
                + " FROM trace_runs r JOIN spans s ON s.span_key BETWEEN r.first_key AND r.last_key"
                + " AND s.trace_hi = r.trace_hi WHERE ").inList("r.trace_hi", his);
        List<SpanRow> rows = new ArrayList<>();
        int[] read = {0};
        budget.jdbc().query(sql.text(), rs -> {
            read[0]++;
            TraceId traceId = new TraceId(rs.getLong(1), rs.getLong(2));
            if (wanted.contains(traceId)) {
                rows.add(new SpanRow(traceId, rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getInt(6),
                        SpanKind.fromOtlp(rs.getInt(7))));
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
        Map<TraceId, List<SpanRow>> callers = callerSides(rows);
        Set<Long> databaseClients = databaseClients(budget, callers);
        for (TraceId traceId : traces) {
            decided.put(traceId, callers.getOrDefault(traceId, List.of()).stream()
                    .anyMatch(caller -> !databaseClients.contains(caller.spanKey())));
        }
    }

    /** Of the client spans among {@code callers}, those of database calls (read with their detail). */
    private Set<Long> databaseClients(ReadBudget budget, Map<TraceId, List<SpanRow>> callers) {
        List<Long> clientKeys = callers.values().stream().flatMap(List::stream)
                .filter(caller -> CallSides.isClient(caller.kind())).map(SpanRow::spanKey).distinct().toList();
        Set<Long> database = new HashSet<>();
        for (int from = 0; from < clientKeys.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT span_key, start_ns, detail FROM spans WHERE ")
                    .inList("span_key", clientKeys.subList(from, Math.min(clientKeys.size(), from + CHUNK)));
            budget.jdbc().query(sql.text(), rs -> {
                if (CallSides.callsADatabase(DetailCodec.decodeSpan(rs.getBytes(3), rs.getLong(2), compression).attributes())) {
                    database.add(rs.getLong(1));
                }
            }, sql.parameters());
        }
        return database;
    }

    /**
     * Per trace of {@code spans}, the caller's spans that are parents of a callee span in a call by the kinds'
     * rule ({@link CallSides}): client spans among them are calls unless they are a database's.
     */
    Map<TraceId, List<SpanRow>> callerSides(Collection<SpanRow> spans) {
        Map<TraceId, Map<Long, SpanRow>> bySpan = new HashMap<>();
        for (SpanRow span : spans) {
            bySpan.computeIfAbsent(span.traceId(), t -> new HashMap<>()).put(span.spanId(), span);
        }
        Map<TraceId, List<SpanRow>> callers = new HashMap<>();
        for (SpanRow span : spans) {
            if (span.serviceId() != calleeId || span.parentSpanId() == 0 || !CallSides.isCallee(span.kind())) {
                continue;
            }
            SpanRow parent = bySpan.get(span.traceId()).get(span.parentSpanId());
            if (parent != null && (callerId == null ? parent.serviceId() != calleeId : parent.serviceId() == callerId)
                    && CallSides.mayBeCaller(parent.kind())) {
                callers.computeIfAbsent(span.traceId(), t -> new ArrayList<>()).add(parent);
            }
        }
        return callers;
    }

    @Override
    public String toString() {
        return "TracesThroughCall{" + callerId + " -> " + calleeId + "}";
    }
}
