package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The spans and logs of many traces at once, by trace id: one statement per {@value #CHUNK} trace ids through
 * the trace runs (spans) and the {@code logs_trace} index (logs), instead of a trace detail query per trace.
 */
final class TraceBatch {

    private static final int CHUNK = 500;

    private TraceBatch() {
    }

    /**
     * Spans read by trace id. {@code truncated}: the traces whose spans were more than the bound; each kept its
     * earliest-starting spans (parents start no later than their children, so a kept span keeps its ancestors).
     */
    record Spans(Map<TraceId, List<Span>> byTrace, Set<TraceId> truncated) {

        List<Span> of(TraceId traceId) {
            return byTrace.getOrDefault(traceId, List.of());
        }
    }

    /**
     * Each trace's spans, at most {@code maxPerTrace}: the earliest-starting ones, in start order; traces without
     * spans are absent. Rows arrive in no particular order, so a trace over the bound keeps a heap of its earliest
     * spans rather than its first rows (which would drop children of kept parents at random).
     */
    static Spans spans(ReadBudget budget, Dictionaries dictionaries, Collection<TraceId> traces, int maxPerTrace) {
        Set<TraceId> wanted = new HashSet<>(traces);
        List<Long> his = new ArrayList<>(new LinkedHashSet<>(traces.stream().map(TraceId::hi).toList()));
        Map<TraceId, PriorityQueue<Span>> kept = new HashMap<>();
        Set<TraceId> truncated = new HashSet<>();
        Set<Long> seen = new HashSet<>(); // the key ranges of two runs of a trace may overlap (see InsertSpans)
        for (int from = 0; from < his.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT " + SpanRows.spanColumns("s") + " FROM trace_runs r JOIN spans s"
                    + " ON s.span_key BETWEEN r.first_key AND r.last_key AND s.trace_hi = r.trace_hi WHERE ")
                    .inList("r.trace_hi", his.subList(from, Math.min(his.size(), from + CHUNK)));
            budget.jdbc().query(sql.text(), rs -> {
                TraceId traceId = new TraceId(rs.getLong("trace_hi"), rs.getLong("trace_lo"));
                if (!wanted.contains(traceId) || !seen.add(rs.getLong("span_key"))) {
                    return;
                }
                // latest start on top, so the heap can give up its latest span for an earlier one
                PriorityQueue<Span> heap = kept.computeIfAbsent(traceId,
                        t -> new PriorityQueue<>(LATEST_FIRST));
                if (heap.size() < maxPerTrace) {
                    heap.add(SpanRows.span(rs, dictionaries));
                    return;
                }
                truncated.add(traceId);
                if (rs.getLong("start_ns") < heap.peek().startNanos()) {
                    heap.poll();
                    heap.add(SpanRows.span(rs, dictionaries));
                }
            }, sql.parameters());
        }
        Map<TraceId, List<Span>> spans = new HashMap<>();
        kept.forEach((traceId, heap) -> {
            List<Span> list = new ArrayList<>(heap);
            list.sort(Comparator.comparingLong(Span::startNanos));
            spans.put(traceId, list);
        });
        return new Spans(spans, truncated);
    }

    private static final Comparator<Span> LATEST_FIRST = Comparator.comparingLong(Span::startNanos).reversed();

    /**
     * Each trace's logs (at most {@code maxPerTrace}, in no particular order); traces without logs are absent.
     * {@code truncated} is filled with the traces that had more.
     */
    static Map<TraceId, List<LogRecord>> logs(ReadBudget budget, Dictionaries dictionaries, Collection<TraceId> traces,
                                              int maxPerTrace, Set<TraceId> truncated) {
        Set<TraceId> wanted = new HashSet<>(traces);
        List<Long> his = new ArrayList<>(new LinkedHashSet<>(traces.stream().map(TraceId::hi).toList()));
        Map<TraceId, List<LogRecord>> logs = new HashMap<>();
        var mapper = SpanRows.logMapper(dictionaries);
        for (int from = 0; from < his.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT " + SpanRows.LOG_COLUMNS + " FROM logs WHERE ")
                    .inList("trace_hi", his.subList(from, Math.min(his.size(), from + CHUNK)));
            budget.jdbc().query(sql.text(), rs -> {
                TraceId traceId = new TraceId(rs.getLong("trace_hi"), rs.getLong("trace_lo"));
                if (!wanted.contains(traceId)) {
                    return;
                }
                List<LogRecord> list = logs.computeIfAbsent(traceId, t -> new ArrayList<>());
                if (list.size() < maxPerTrace) {
                    list.add(mapper.mapRow(rs, list.size()));
                } else {
                    truncated.add(traceId);
                }
            }, sql.parameters());
        }
        return logs;
    }
}
