package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.CallSides;
import dev.meridian.storage.jdbc.CompressionDictionaries;
import dev.meridian.storage.jdbc.SpanRunCodec;
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
 * is its CLIENT/PRODUCER span, not a database client's, or its SERVER/CONSUMER span. Reads the heads of the
 * candidate traces' runs (ids, parent ids, services, kinds; no details) through the trace index ({@link TraceRuns}), as the
 * search's summaries do, and decides in {@link #callerSides}; only the runs of the client spans found as callers
 * are read with their details, for their {@code db.system}.
 */
final class TracesThroughCall {

    /**
     * One span of a candidate trace, as far as the filter needs it.
     *
     * @param runKey the first key of the span's run, whose details hold its attributes
     */
    record SpanRow(TraceId traceId, long spanKey, long runKey, long spanId, long parentSpanId, int serviceId,
                   SpanKind kind) {
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

    /**
     * The traces among {@code traces} that pass, in their order; each trace's spans are read once per search, near the
     * key of a span of it ({@code keyOf}, {@link TraceRuns}).
     */
    List<TraceId> retain(ReadBudget budget, List<TraceId> traces, Map<TraceId, Long> keyOf) {
        List<TraceId> undecided = traces.stream().filter(t -> !decided.containsKey(t)).distinct().toList();
        for (int from = 0; from < undecided.size(); from += CHUNK) {
            decide(budget, undecided.subList(from, Math.min(undecided.size(), from + CHUNK)), keyOf);
        }
        return traces.stream().filter(t -> Boolean.TRUE.equals(decided.get(t))).toList();
    }

    /** Reads the span heads of {@code traces} and decides them; a read that reaches the row cap is split. */
    private void decide(ReadBudget budget, List<TraceId> traces, Map<TraceId, Long> keyOf) {
        Set<TraceId> wanted = new HashSet<>(traces);
        List<SpanRow> rows = new ArrayList<>();
        int[] read = {0};
        TraceRuns.forEach(budget, TraceRuns.near(traces, keyOf), TraceRuns.NEAR, SpanRunRows.HEAD_COLUMNS, rs -> {
            read[0]++;
            SpanRunRows.Run run = SpanRunRows.run(rs);
            if (wanted.contains(run.traceId())) {
                long runKey = rs.getLong("first_key");
                for (SpanRunCodec.Head head : run.heads()) {
                    rows.add(new SpanRow(run.traceId(), head.key(), runKey, head.spanId(), head.parentSpanId(),
                            run.serviceId(), SpanKind.fromOtlp(head.kind())));
                }
            }
        });
        if (read[0] >= maxRows) { // setMaxRows drops the rest silently: a trace with missing spans would be left out
            if (traces.size() == 1) {
                truncated = true; // undecided: not in the answer, and the search says it is partial
                return;
            }
            int half = traces.size() / 2;
            decide(budget, traces.subList(0, half), keyOf);
            decide(budget, traces.subList(half, traces.size()), keyOf);
            return;
        }
        Map<TraceId, List<SpanRow>> callers = callerSides(rows);
        Set<Long> databaseClients = databaseClients(budget, callers);
        for (TraceId traceId : traces) {
            decided.put(traceId, callers.getOrDefault(traceId, List.of()).stream()
                    .anyMatch(caller -> !databaseClients.contains(caller.spanKey())));
        }
    }

    /** Of the client spans among {@code callers}, those of database calls (their runs read with details). */
    private Set<Long> databaseClients(ReadBudget budget, Map<TraceId, List<SpanRow>> callers) {
        List<SpanRow> clients = callers.values().stream().flatMap(List::stream)
                .filter(caller -> CallSides.isClient(caller.kind())).toList();
        Set<Long> clientKeys = new HashSet<>(clients.stream().map(SpanRow::spanKey).toList());
        List<Long> runKeys = clients.stream().map(SpanRow::runKey).distinct().toList();
        Set<Long> database = new HashSet<>();
        SpanRunRows.forEachWithDetails(budget, runKeys, compression, (run, head, detail) -> {
            if (clientKeys.contains(head.key()) && CallSides.callsADatabase(detail.body().attributes())) {
                database.add(head.key());
            }
        });
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
