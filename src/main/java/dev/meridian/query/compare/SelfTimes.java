package dev.meridian.query.compare;

import dev.meridian.telemetry.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Self time: a span's duration minus the union of its children's intervals (clipped to the span), so that time
 * spent waiting for a child is counted once, at the child, and parallel children are not subtracted twice.
 * Summed per operation (service + span name) for one trace.
 */
public final class SelfTimes {

    private SelfTimes() {
    }

    /** Self time in nanoseconds per operation of one trace's spans, in first-seen order. */
    public static Map<Operation, Long> perOperation(List<Span> spans) {
        Map<Long, List<Span>> children = new HashMap<>();
        for (Span span : spans) {
            if (span.parentSpanId().isValid()) {
                children.computeIfAbsent(span.parentSpanId().value(), k -> new ArrayList<>()).add(span);
            }
        }
        Map<Operation, Long> self = new LinkedHashMap<>();
        for (Span span : spans) {
            long time = selfNanos(span, children.getOrDefault(span.spanId().value(), List.of()));
            self.merge(new Operation(span.serviceName(), span.name()), time, Long::sum);
        }
        return self;
    }

    /** The span's duration not covered by any child (children clipped to the span's interval). */
    static long selfNanos(Span span, List<Span> children) {
        long start = span.startNanos();
        long end = Math.max(start, span.endNanos());
        if (children.isEmpty()) {
            return end - start;
        }
        List<Span> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparingLong(Span::startNanos));
        long covered = 0;
        long runStart = Long.MIN_VALUE;
        long runEnd = Long.MIN_VALUE;
        for (Span child : sorted) {
            long s = Math.max(start, child.startNanos());
            long e = Math.min(end, child.endNanos());
            if (e <= s) {
                continue;
            }
            if (s > runEnd) {
                if (runEnd > runStart) {
                    covered += runEnd - runStart;
                }
                runStart = s;
                runEnd = e;
            } else {
                runEnd = Math.max(runEnd, e);
            }
        }
        if (runEnd > runStart) {
            covered += runEnd - runStart;
        }
        return end - start - covered;
    }

    /** An operation: a service and a span name. */
    public record Operation(String service, String name) {
    }
}
