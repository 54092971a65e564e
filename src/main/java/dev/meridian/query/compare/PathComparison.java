package dev.meridian.query.compare;

import dev.meridian.telemetry.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace against typical traces of its root operation, per span path: the chain of service + span name from
 * the root to a span ({@code frontend: GET /checkout → checkout: POST /api/checkout → checkout: SELECT orders}).
 * A path's time in a trace is the sum of the durations of its spans there (a loop of 10 calls is one path with
 * 10 spans); typical time is the median over the typical traces that have the path. A path of this trace found
 * in fewer than half of the typical traces is {@link Status#EXTRA}; a path in at least half of them but absent
 * here is {@link Status#MISSING}.
 */
public final class PathComparison {

    static final String SEPARATOR = " → ";

    private PathComparison() {
    }

    public enum Status { COMMON, EXTRA, MISSING }

    /**
     * @param path         operations from the root, each "service: name"
     * @param thisMs       time of the path's spans in this trace (0 when missing)
     * @param typicalMs    median time over the typical traces that have the path; NaN when none has it
     * @param typicalShare share of typical traces that have the path
     */
    public record PathRow(List<String> path, String service, String name, double thisMs, int thisSpans,
                          double typicalMs, double typicalShare, Status status) {

        public int depth() {
            return path.size() - 1;
        }

        public String label() {
            return String.join(SEPARATOR, path);
        }

        /** This trace's time minus the typical one (0 when either is absent). */
        public double extraMs() {
            return Double.isNaN(typicalMs) || status == Status.MISSING ? 0 : thisMs - typicalMs;
        }
    }

    /**
     * This trace's paths in the order of their first span's start, then the missing ones by path; none without
     * typical traces (with nothing to compare with, no path is extra or missing).
     */
    public static List<PathRow> compare(List<Span> trace, List<List<Span>> typical) {
        if (typical.isEmpty()) {
            return List.of();
        }
        Map<List<String>, PathTime> here = paths(trace);
        List<Map<List<String>, PathTime>> others = typical.stream().map(PathComparison::paths).toList();
        List<PathRow> rows = new ArrayList<>();
        for (Map.Entry<List<String>, PathTime> entry : here.entrySet()) {
            List<String> path = entry.getKey();
            List<Long> times = new ArrayList<>();
            for (Map<List<String>, PathTime> other : others) {
                PathTime time = other.get(path);
                if (time != null) {
                    times.add(time.nanos);
                }
            }
            double share = others.isEmpty() ? 0 : (double) times.size() / others.size();
            PathTime time = entry.getValue();
            rows.add(new PathRow(path, time.service, time.name, time.nanos / 1e6, time.spans, medianMs(times), share,
                    share < 0.5 ? Status.EXTRA : Status.COMMON));
        }
        Map<List<String>, List<Long>> missing = new HashMap<>();
        Map<List<String>, PathTime> firstOf = new HashMap<>();
        for (Map<List<String>, PathTime> other : others) {
            other.forEach((path, time) -> {
                if (!here.containsKey(path)) {
                    missing.computeIfAbsent(path, p -> new ArrayList<>()).add(time.nanos);
                    firstOf.putIfAbsent(path, time);
                }
            });
        }
        List<PathRow> absent = new ArrayList<>();
        missing.forEach((path, times) -> {
            double share = (double) times.size() / others.size();
            if (share >= 0.5) {
                PathTime first = firstOf.get(path);
                absent.add(new PathRow(path, first.service, first.name, 0, 0, medianMs(times), share, Status.MISSING));
            }
        });
        absent.sort(Comparator.comparing(PathRow::label));
        rows.addAll(absent);
        return List.copyOf(rows);
    }

    private static final class PathTime {
        final String service;
        final String name;
        final long start;
        long nanos;
        int spans;

        PathTime(String service, String name, long start) {
            this.service = service;
            this.name = name;
            this.start = start;
        }
    }

    /** Per path, the summed duration of its spans, in the order of the paths' first start. */
    static Map<List<String>, PathTime> paths(List<Span> spans) {
        Map<Long, Span> byId = new HashMap<>();
        spans.forEach(s -> byId.put(s.spanId().value(), s));
        Map<Long, List<String>> pathOf = new HashMap<>();
        List<Span> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingLong(Span::startNanos));
        Map<List<String>, PathTime> paths = new LinkedHashMap<>();
        for (Span span : ordered) {
            List<String> path = pathOf(span, byId, pathOf, 0);
            PathTime time = paths.computeIfAbsent(path, p -> new PathTime(span.serviceName(), span.name(), span.startNanos()));
            time.nanos += span.durationNanos();
            time.spans++;
        }
        return paths;
    }

    /** Memoized; a parent missing from the trace (or a cycle in broken data) starts the path at the span. */
    private static List<String> pathOf(Span span, Map<Long, Span> byId, Map<Long, List<String>> memo, int depth) {
        List<String> known = memo.get(span.spanId().value());
        if (known != null) {
            return known;
        }
        String step = span.serviceName() + ": " + span.name();
        Span parent = span.parentSpanId().isValid() ? byId.get(span.parentSpanId().value()) : null;
        List<String> path;
        if (parent == null || parent == span || depth > 200) {
            path = List.of(step);
        } else {
            List<String> parentPath = pathOf(parent, byId, memo, depth + 1);
            List<String> extended = new ArrayList<>(parentPath.size() + 1);
            extended.addAll(parentPath);
            extended.add(step);
            path = List.copyOf(extended);
        }
        memo.put(span.spanId().value(), path);
        return path;
    }

    private static double medianMs(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1e6;
    }
}
