package dev.meridian.ui.traces;

import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One span placed in its trace: its parent and children, depth, position on the trace's time axis,
 * service colour, error and critical-path marks, and the logs it emitted. Built only by
 * {@link TraceModel#of}; read-only afterwards. Equality is identity (one node per span of one model).
 */
public final class SpanNode {

    /** The part of a span that lies on the critical path, in epoch nanos, {@code [startNanos, endNanos)}. */
    public record Segment(long startNanos, long endNanos) {
    }

    private final Span span;
    private final boolean error;
    SpanNode parent;
    final List<SpanNode> children = new ArrayList<>();
    final List<LogRecord> logs = new ArrayList<>();
    final List<Segment> criticalSegments = new ArrayList<>();
    boolean parentMissing;
    boolean onCriticalPath;
    int depth;
    int index;
    int descendantCount;
    int colorIndex;
    double offset;
    double width;

    SpanNode(Span span) {
        this.span = span;
        this.error = span.status().isError() || span.events().stream().anyMatch(SpanNode::isException);
    }

    static boolean isException(SpanEvent event) {
        return "exception".equals(event.name());
    }

    public Span span() {
        return span;
    }

    /** The parent node, or {@code null} for a root (a real root or one whose parent is not in the trace). */
    public SpanNode parent() {
        return parent;
    }

    /** Children in start order. */
    public List<SpanNode> children() {
        return Collections.unmodifiableList(children);
    }

    public boolean hasChildren() {
        return !children.isEmpty();
    }

    /** Logs this span emitted (same span id), in time order. */
    public List<LogRecord> logs() {
        return Collections.unmodifiableList(logs);
    }

    /** True when the span names a parent that is not among the trace's spans: it is shown as an extra root. */
    public boolean parentMissing() {
        return parentMissing;
    }

    /** Status ERROR, or an {@code exception} event. */
    public boolean error() {
        return error;
    }

    public boolean onCriticalPath() {
        return onCriticalPath;
    }

    /** The parts of this span on the critical path (its own time, not its children's), in time order. */
    public List<Segment> criticalSegments() {
        return Collections.unmodifiableList(criticalSegments);
    }

    /** 0 for roots. */
    public int depth() {
        return depth;
    }

    /** Position in the model's depth-first display order. */
    public int index() {
        return index;
    }

    /** How many spans are below this one, at any depth. */
    public int descendantCount() {
        return descendantCount;
    }

    /** Index into {@link ServicePalette}, stable by the service's first appearance in the trace. */
    public int colorIndex() {
        return colorIndex;
    }

    /** Start, as a fraction [0, 1] of the trace's duration from the trace's start. */
    public double offset() {
        return offset;
    }

    /** Duration, as a fraction [0, 1] of the trace's duration. */
    public double width() {
        return width;
    }

    public String serviceName() {
        return span.serviceName();
    }

    public List<SpanEvent> exceptions() {
        return span.events().stream().filter(SpanNode::isException).toList();
    }

    @Override
    public String toString() {
        return "SpanNode[" + span.spanId() + " " + span.name() + " depth=" + depth + "]";
    }
}
