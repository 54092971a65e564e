package dev.meridian.ui.traces;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The critical path of a span tree: the chain of work that decides when the root ends (Jaeger's
 * algorithm). Start at the root; take the child that finishes last; in it, again the child that
 * finishes last, down to a span with no children; then walk back up: in the parent, the next child on
 * the path is the one that finishes last <em>before</em> the returning child started. What is left
 * between is the span's own time on the path.
 *
 * <p>Children are first clipped to their parent's time (a child running past its parent, e.g. an
 * asynchronous call, only counts while the parent runs); children entirely outside their parent are
 * ignored. A child that ends exactly when the next one starts counts as before it (sequential calls).
 * Every span visited is marked {@link SpanNode#onCriticalPath()}, and gets the segments of its own
 * time on the path. Iterative: deep chains do not recurse.
 */
final class CriticalPath {

    private record Window(long start, long end) {
    }

    private final Map<SpanNode, Window> clipped = new IdentityHashMap<>();
    /** Per span, its clipped children, latest-finishing first, and how far the walk has consumed them. */
    private final Map<SpanNode, List<SpanNode>> byEnd = new IdentityHashMap<>();
    private final Map<SpanNode, Integer> cursor = new HashMap<>();
    private final Set<SpanNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private CriticalPath() {
    }

    /** Marks the critical path below {@code root} (inclusive). */
    static void mark(SpanNode root) {
        new CriticalPath().walk(root);
    }

    private void walk(SpanNode root) {
        clip(root);
        SpanNode current = root;
        Long spawn = null; // the start of the child we came back from, null when descending
        while (current != null) {
            current.onCriticalPath = true;
            visited.add(current);
            Window own = clipped.get(current);
            long sectionEnd = spawn == null ? own.end : spawn;
            SpanNode last = lastFinishingChild(current, sectionEnd);
            if (last != null) {
                addSegment(current, clipped.get(last).end, sectionEnd);
                current = last;
                spawn = null;
            } else {
                addSegment(current, own.start, sectionEnd);
                if (current == root) {
                    break;
                }
                spawn = own.start;
                current = current.parent;
            }
        }
        visited.forEach(node -> node.criticalSegments.sort(Comparator.comparingLong(SpanNode.Segment::startNanos)));
    }

    private static void addSegment(SpanNode node, long start, long end) {
        if (start < end) {
            node.criticalSegments.add(new SpanNode.Segment(start, end));
        }
    }

    /**
     * The unvisited child finishing last, at or before {@code before}. The walk asks each span with
     * ever earlier limits, so one cursor per span over its children sorted by end suffices.
     */
    private SpanNode lastFinishingChild(SpanNode node, long before) {
        List<SpanNode> children = byEnd.get(node);
        if (children == null || children.isEmpty()) {
            return null;
        }
        int i = cursor.getOrDefault(node, 0);
        while (i < children.size()) {
            SpanNode child = children.get(i);
            if (!visited.contains(child) && clipped.get(child).end <= before) {
                cursor.put(node, i + 1);
                return child;
            }
            if (visited.contains(child)) {
                i++;
                continue;
            }
            // ends after the limit: it can never be chosen later either (limits only decrease)
            i++;
        }
        cursor.put(node, i);
        return null;
    }

    /** Clips every span below {@code root} to its parent's window, top-down, iteratively. */
    private void clip(SpanNode root) {
        clipped.put(root, new Window(root.span().startNanos(), Math.max(root.span().startNanos(), root.span().endNanos())));
        List<SpanNode> queue = new ArrayList<>();
        queue.add(root);
        for (int q = 0; q < queue.size(); q++) {
            SpanNode node = queue.get(q);
            Window parent = clipped.get(node);
            List<SpanNode> inside = new ArrayList<>();
            for (SpanNode child : node.children) {
                long start = Math.max(child.span().startNanos(), parent.start);
                long end = Math.min(Math.max(child.span().startNanos(), child.span().endNanos()), parent.end);
                if (start > end || child.span().startNanos() > parent.end || child.span().endNanos() < parent.start) {
                    continue; // entirely outside the parent's time
                }
                clipped.put(child, new Window(start, end));
                inside.add(child);
                queue.add(child);
            }
            inside.sort(Comparator.comparingLong((SpanNode c) -> clipped.get(c).end).reversed()
                    .thenComparingLong(c -> clipped.get(c).start));
            byEnd.put(node, inside);
        }
    }
}
