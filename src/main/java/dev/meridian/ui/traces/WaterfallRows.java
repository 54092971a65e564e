package dev.meridian.ui.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which spans the waterfall shows when some subtrees are collapsed. Plain Java, O(spans). */
final class WaterfallRows {

    private WaterfallRows() {
    }

    /** The spans in display order, skipping everything below a collapsed span. */
    static List<SpanNode> visible(List<SpanNode> depthFirst, Set<SpanNode> collapsed) {
        if (collapsed.isEmpty()) {
            return depthFirst;
        }
        List<SpanNode> rows = new ArrayList<>(depthFirst.size());
        for (int i = 0; i < depthFirst.size(); i++) {
            SpanNode node = depthFirst.get(i);
            rows.add(node);
            if (collapsed.contains(node)) {
                i += node.descendantCount(); // the subtree follows its root contiguously
            }
        }
        return rows;
    }

    /** Expands every collapsed ancestor of {@code node}, so that it is visible. */
    static void reveal(SpanNode node, Set<SpanNode> collapsed) {
        for (SpanNode parent = node.parent(); parent != null; parent = parent.parent()) {
            collapsed.remove(parent);
        }
    }
}
