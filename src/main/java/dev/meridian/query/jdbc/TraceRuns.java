package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.RowKeys;
import dev.meridian.storage.jdbc.TraceIndex;
import dev.meridian.telemetry.TraceId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reads the {@code span_runs} rows of traces: their run keys from the trace index ({@link TraceIndex}), then the rows
 * by primary key, {@value #CHUNK} per statement.
 * <p>
 * A search, a comparison or a filter knows a span of each trace it found; the trace's other runs are looked for
 * within {@link #NEAR} of that span's key (a point read per key window of about 2.2 minutes), and a trace whose
 * root is not among them within {@link #WIDE} (a long root span is keyed near its start, as much before its
 * children as it lasts); a trace that lasts longer than that is summarized from the spans near the one found. The
 * trace view reads a trace anywhere, or near its start when it knows it.
 */
final class TraceRuns {

    /** How far from a known span of a trace its other runs are looked for first. */
    static final long NEAR = RowKeys.floorKey(5 * 60 * 1_000_000_000L);
    /** How far when the spans near it do not hold the trace's root, or near a trace's start. */
    static final long WIDE = RowKeys.floorKey(60 * 60 * 1_000_000_000L);
    private static final int CHUNK = 500;

    private TraceRuns() {
    }

    /** Each trace with the key of one of its spans, for {@link #forEach}. */
    static Map<TraceId, Long> near(Collection<TraceId> traces, Map<TraceId, Long> keyOf) {
        Map<TraceId, Long> near = new HashMap<>();
        traces.forEach(trace -> near.put(trace, java.util.Objects.requireNonNull(keyOf.get(trace), "no key of a span of " + trace)));
        return near;
    }

    /** Each trace anywhere. */
    static Map<TraceId, Long> anywhere(Collection<TraceId> traces) {
        Map<TraceId, Long> anywhere = new HashMap<>();
        traces.forEach(trace -> anywhere.put(trace, null));
        return anywhere;
    }

    /**
     * Selects {@code columns} of each run of the traces, within {@code margin} ({@link #NEAR}, {@link #WIDE}) of the
     * key each maps to, or anywhere where it maps to null; runs in no particular order.
     */
    static void forEach(ReadBudget budget, Map<TraceId, Long> near, long margin, String columns, RowCallbackHandler each) {
        List<Long> runKeys = TraceIndex.runKeys(budget::jdbc, near, margin).values().stream()
                .flatMap(List::stream).sorted().toList();
        for (int from = 0; from < runKeys.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT " + columns + " FROM span_runs WHERE ")
                    .inList("first_key", runKeys.subList(from, Math.min(runKeys.size(), from + CHUNK)));
            budget.jdbc().query(sql.text(), each, sql.parameters());
        }
    }
}
