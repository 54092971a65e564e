package dev.meridian.ui.traces;

import dev.meridian.query.TraceQueries.Trace;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A trace arranged for display: the span tree (children by parent id, in start order; spans whose
 * parent is not in the trace become extra roots flagged {@link SpanNode#parentMissing()}), every span's
 * position on the shared time axis, per-service colours, errors, the critical path, and the logs
 * attached to the span that emitted them. Plain Java: no Vaadin, unit-tested.
 *
 * <p>Robust against what real telemetry contains: duplicate span ids (the first one is the parent
 * of children naming it), parent cycles (broken at the earliest span, flagged parent missing),
 * zero-length traces (every span gets offset 0 and width 0), and arbitrarily deep chains (no recursion).
 */
public final class TraceModel {

    private static final Comparator<SpanNode> START_ORDER = Comparator
            .comparingLong((SpanNode n) -> n.span().startNanos())
            .thenComparingLong(n -> n.span().endNanos());

    private final TraceId traceId;
    private final List<SpanNode> spans;
    private final List<SpanNode> roots;
    private final SpanNode root;
    private final long startNanos;
    private final long endNanos;
    private final List<String> services;
    private final int errorCount;
    private final List<LogRecord> logs;
    private final List<LogRecord> unattachedLogs;
    private final Map<SpanId, SpanNode> bySpanId;
    private final Map<LogRecord, SpanNode> logOwners;
    private long omittedSpans;
    private long omittedLogs;

    private TraceModel(TraceId traceId, List<SpanNode> spans, List<SpanNode> roots, long startNanos, long endNanos,
                       List<String> services, List<LogRecord> logs, List<LogRecord> unattachedLogs,
                       Map<SpanId, SpanNode> bySpanId, Map<LogRecord, SpanNode> logOwners) {
        this.traceId = traceId;
        this.spans = spans;
        this.roots = roots;
        this.root = roots.stream().filter(r -> !r.parentMissing()).findFirst().orElse(roots.isEmpty() ? null : roots.getFirst());
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.services = services;
        this.errorCount = (int) spans.stream().filter(SpanNode::error).count();
        this.logs = logs;
        this.unattachedLogs = unattachedLogs;
        this.bySpanId = bySpanId;
        this.logOwners = logOwners;
    }

    /** The trace as read; a trace larger than the query's size limit keeps the counts of what was left out. */
    public static TraceModel of(Trace trace) {
        TraceModel model = of(trace.traceId(), trace.spans(), trace.logs());
        model.omittedSpans = trace.omittedSpans();
        model.omittedLogs = trace.omittedLogs();
        return model;
    }

    /** Spans of the trace that were not read (the trace is larger than {@code meridian.query.max-trace-spans}). */
    public long omittedSpans() {
        return omittedSpans;
    }

    /** Logs of the trace that were not read. */
    public long omittedLogs() {
        return omittedLogs;
    }

    public static TraceModel of(TraceId traceId, List<Span> spanList, List<LogRecord> logList) {
        List<SpanNode> nodes = new ArrayList<>(spanList.size());
        spanList.forEach(span -> nodes.add(new SpanNode(span)));
        nodes.sort(START_ORDER);

        Map<SpanId, SpanNode> bySpanId = new HashMap<>();
        for (SpanNode node : nodes) {
            bySpanId.putIfAbsent(node.span().spanId(), node);
        }
        List<SpanNode> roots = new ArrayList<>();
        for (SpanNode node : nodes) {
            SpanId parentId = node.span().parentSpanId();
            SpanNode parent = parentId.isValid() ? bySpanId.get(parentId) : null;
            if (parent == null || parent == node) {
                node.parentMissing = parentId.isValid();
                roots.add(node);
            } else {
                node.parent = parent;
                parent.children.add(node); // nodes are in start order, so children are too
            }
        }
        List<SpanNode> ordered = depthFirst(roots, nodes.size());
        if (ordered.size() < nodes.size()) {
            breakCycles(nodes, roots, ordered);
        }
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).index = i;
        }
        countDescendants(ordered);

        long start = nodes.stream().mapToLong(n -> n.span().startNanos()).min().orElse(0);
        long end = nodes.stream().mapToLong(n -> Math.max(n.span().startNanos(), n.span().endNanos())).max().orElse(0);
        double total = end - start;
        for (SpanNode node : ordered) {
            node.offset = total > 0 ? (node.span().startNanos() - start) / total : 0;
            node.width = total > 0 ? Math.min(1 - node.offset, node.span().durationNanos() / total) : 0;
        }

        Map<String, Integer> colors = new LinkedHashMap<>();
        for (SpanNode node : nodes) {
            node.colorIndex = colors.computeIfAbsent(node.serviceName(), s -> colors.size());
        }

        List<LogRecord> logs = new ArrayList<>(logList);
        logs.sort(Comparator.comparingLong(LogRecord::effectiveTimeNanos));
        List<LogRecord> unattached = new ArrayList<>();
        Map<LogRecord, SpanNode> owners = new IdentityHashMap<>();
        for (LogRecord log : logs) {
            SpanNode owner = log.spanId().isValid() ? bySpanId.get(log.spanId()) : null;
            if (owner == null) {
                unattached.add(log);
            } else {
                owner.logs.add(log);
                owners.put(log, owner);
            }
        }

        TraceModel model = new TraceModel(traceId, Collections.unmodifiableList(ordered), Collections.unmodifiableList(roots),
                start, end, List.copyOf(colors.keySet()), Collections.unmodifiableList(logs),
                Collections.unmodifiableList(unattached), bySpanId, owners);
        if (model.root != null) {
            CriticalPath.mark(model.root);
        }
        return model;
    }

    /** Pre-order, children in start order; iterative, so a 10,000-deep chain is fine. */
    private static List<SpanNode> depthFirst(List<SpanNode> roots, int expected) {
        List<SpanNode> ordered = new ArrayList<>(expected);
        Set<SpanNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<SpanNode> stack = new ArrayDeque<>();
        for (SpanNode root : roots) {
            root.depth = 0;
            stack.push(root);
            while (!stack.isEmpty()) {
                SpanNode node = stack.pop();
                if (!seen.add(node)) {
                    continue;
                }
                ordered.add(node);
                for (int i = node.children.size() - 1; i >= 0; i--) {
                    SpanNode child = node.children.get(i);
                    child.depth = node.depth + 1;
                    stack.push(child);
                }
            }
        }
        return ordered;
    }

    /** Spans in a parent cycle are unreachable from any root: cut each cycle at its earliest span. */
    private static void breakCycles(List<SpanNode> nodes, List<SpanNode> roots, List<SpanNode> ordered) {
        Set<SpanNode> reached = Collections.newSetFromMap(new IdentityHashMap<>());
        reached.addAll(ordered);
        for (SpanNode node : nodes) { // start order: the earliest unreached span of a cycle becomes its root
            if (reached.contains(node)) {
                continue;
            }
            node.parent.children.remove(node);
            node.parent = null;
            node.parentMissing = true;
            roots.add(node);
            List<SpanNode> subtree = depthFirst(List.of(node), 16);
            reached.addAll(subtree);
        }
        roots.sort(START_ORDER);
        ordered.clear();
        ordered.addAll(depthFirst(roots, nodes.size()));
    }

    private static void countDescendants(List<SpanNode> ordered) {
        for (int i = ordered.size() - 1; i >= 0; i--) {
            SpanNode node = ordered.get(i);
            node.descendantCount = 0;
            for (SpanNode child : node.children) {
                node.descendantCount += 1 + child.descendantCount;
            }
        }
    }

    public TraceId traceId() {
        return traceId;
    }

    /** Every span, depth-first (each root's subtree in turn, children in start order). */
    public List<SpanNode> spans() {
        return spans;
    }

    /** The real root(s) and the spans whose parent is missing, in start order. */
    public List<SpanNode> roots() {
        return roots;
    }

    /** The root the trace is named after: the earliest real root, else the earliest span whose parent is missing. */
    public Optional<SpanNode> root() {
        return Optional.ofNullable(root);
    }

    public int spanCount() {
        return spans.size();
    }

    /** How many spans name a parent that is not in the trace. */
    public int parentMissingCount() {
        return (int) roots.stream().filter(SpanNode::parentMissing).count();
    }

    public long startNanos() {
        return startNanos;
    }

    public long endNanos() {
        return endNanos;
    }

    /** From the earliest span start to the latest span end. */
    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** Services in order of first appearance; a service's index is its colour index. */
    public List<String> services() {
        return services;
    }

    public int errorCount() {
        return errorCount;
    }

    /** Every log of the trace in time order. */
    public List<LogRecord> logs() {
        return logs;
    }

    /** Logs with no span id, or one that is not among the trace's spans. */
    public List<LogRecord> unattachedLogs() {
        return unattachedLogs;
    }

    /** The span that emitted a log of this trace, if it is in the trace. */
    public Optional<SpanNode> owner(LogRecord log) {
        return Optional.ofNullable(logOwners.get(log));
    }

    public Optional<SpanNode> find(SpanId spanId) {
        return Optional.ofNullable(bySpanId.get(spanId));
    }

    /** A point in time as a fraction of the trace's duration from its start, clamped to [0, 1]. */
    public double fractionOf(long epochNanos) {
        long total = durationNanos();
        if (total <= 0) {
            return 0;
        }
        return Math.clamp((double) (epochNanos - startNanos) / total, 0.0, 1.0);
    }
}
