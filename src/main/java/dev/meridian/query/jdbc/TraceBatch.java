package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.SpanRunCodec;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The spans and logs of many traces at once, by trace id: their runs through the trace index ({@link TraceRuns},
 * near a known span of each) and one statement per {@value #CHUNK} trace ids through the {@code logs_trace} index
 * (logs), instead of a trace detail query per trace.
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
     * Each trace's spans (near the key it maps to, or anywhere: {@link TraceRuns#forEach}), at most {@code
     * maxPerTrace}: the earliest-starting ones, in start order; traces without spans are absent. Runs arrive in no
     * particular order, so a trace over the bound keeps a heap of its earliest spans rather than its first ones
     * (which would drop children of kept parents at random). The heap takes heads; a run's details (compressed as a
     * whole) are decoded at the end, once, and only when a span of it was kept.
     */
    static Spans spans(ReadBudget budget, Dictionaries dictionaries, Map<TraceId, Long> near, int maxPerTrace) {
        Set<TraceId> wanted = new HashSet<>(near.keySet());
        Map<TraceId, PriorityQueue<Kept>> kept = new HashMap<>();
        Set<TraceId> truncated = new HashSet<>();
        TraceRuns.forEach(budget, near, TraceRuns.NEAR, SpanRunRows.SPAN_COLUMNS, rs -> {
            SpanRunRows.Run run = SpanRunRows.run(rs);
            if (!wanted.contains(run.traceId())) {
                return;
            }
            RunDetails details = new RunDetails(run, rs.getBytes("details"));
            // latest start on top, so the heap can give up its latest span for an earlier one
            PriorityQueue<Kept> heap = kept.computeIfAbsent(run.traceId(), t -> new PriorityQueue<>(LATEST_FIRST));
            for (int i = 0; i < run.heads().size(); i++) {
                SpanRunCodec.Head head = run.heads().get(i);
                if (heap.size() < maxPerTrace) {
                    heap.add(new Kept(head, i, details));
                    continue;
                }
                truncated.add(run.traceId());
                if (head.startNanos() < heap.peek().head().startNanos()) {
                    heap.poll();
                    heap.add(new Kept(head, i, details));
                }
            }
        });
        Map<TraceId, List<Span>> spans = new HashMap<>();
        Map<RunDetails, List<SpanRunCodec.Detail>> decoded = new IdentityHashMap<>();
        kept.forEach((traceId, heap) -> {
            List<Kept> earliest = new ArrayList<>(heap);
            earliest.sort(Comparator.comparingLong(k -> k.head().startNanos()));
            List<Span> list = new ArrayList<>(earliest.size());
            for (Kept k : earliest) {
                List<SpanRunCodec.Detail> details = decoded.computeIfAbsent(k.run(), r -> SpanRunCodec.decodeDetails(
                        r.details(), r.run().heads(), dictionaries.compression()));
                list.add(SpanRunRows.span(k.run().run(), k.head(), details.get(k.index()), dictionaries));
            }
            spans.put(traceId, list);
        });
        return new Spans(spans, truncated);
    }

    /** A run read, with its details still packed. */
    private record RunDetails(SpanRunRows.Run run, byte[] details) {
    }

    /** A span the heap holds: its head, and its place in its run for the details. */
    private record Kept(SpanRunCodec.Head head, int index, RunDetails run) {
    }

    private static final Comparator<Kept> LATEST_FIRST =
            Comparator.comparingLong((Kept k) -> k.head().startNanos()).reversed();

    /**
     * Each trace's logs (at most {@code maxPerTrace}, in no particular order); traces without logs are absent.
     * {@code truncated} is filled with the traces that had more.
     */
    static Map<TraceId, List<LogRecord>> logs(ReadBudget budget, Dictionaries dictionaries, Collection<TraceId> traces,
                                              int maxPerTrace, Set<TraceId> truncated) {
        Set<TraceId> wanted = new HashSet<>(traces);
        List<Long> his = new ArrayList<>(new LinkedHashSet<>(traces.stream().map(TraceId::hi).toList()));
        Map<TraceId, List<LogRecord>> logs = new HashMap<>();
        var mapper = LogRows.logMapper(dictionaries);
        for (int from = 0; from < his.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT " + LogRows.LOG_COLUMNS + " FROM logs WHERE ")
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
