package dev.meridian.query.compare;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a group of traces holds, counted per trace: how many of its traces carry each attribute value (of any
 * span or resource of the trace, so a cause in a downstream service counts), the self time per operation summed
 * over its traces, and how many of its traces logged each message pattern. Bounded per trace
 * ({@value #MAX_PAIRS_PER_TRACE} attribute values, {@value #MAX_PATTERNS_PER_TRACE} patterns) so one huge trace
 * cannot fill the heap, and per group: at most {@value #MAX_PAIRS} distinct attribute values in all (beyond that,
 * new values are not counted and the cohort is {@link #truncated()}), and at most
 * {@value #MAX_VALUES_PER_KEY} distinct values of one key (beyond that the key is {@link #saturated} and left out
 * of the comparison as high-cardinality, which it would be anyway, so nothing is lost). Not thread-safe.
 */
public final class Cohort {

    static final int MAX_PAIRS_PER_TRACE = 2_000;
    static final int MAX_PATTERNS_PER_TRACE = 200;
    /** Distinct attribute values per group: 100k pairs of ≤ 256 chars stay in the tens of megabytes. */
    static final int MAX_PAIRS = 100_000;
    /** Enough distinct values to call a key high-cardinality ({@link CohortComparison}); more are not kept. */
    static final int MAX_VALUES_PER_KEY = CohortComparison.MAX_DISTINCT_VALUES * 50;
    /** Values longer than this are not compared (SQL text, stack traces): they rarely repeat and cost memory. */
    static final int MAX_VALUE_CHARS = 256;
    /**
     * Keys whose values are ids by their name: a trace id is in exactly one trace, so it separates nothing.
     * Other high-cardinality keys are found by counting ({@link CohortComparison}).
     */
    private static final Pattern ID_KEY = Pattern.compile(
            "(?i).*(^|[._-])(trace|span|request|correlation|session|message|event|parent)[._-]?id$|.*uuid$|.*timestamp$");

    private final int maxPairs;
    private int traces;
    private boolean truncated;
    private final Map<Pair, PairCount> pairs = new HashMap<>();
    /** Distinct values kept per key (and whether a resource attribute). */
    private final Map<KeyOf, Integer> valuesPerKey = new HashMap<>();
    private final Map<SelfTimes.Operation, long[]> selfNanos = new HashMap<>();
    /** Per operation: each trace's longest span of it, in nanos (one entry per trace that has it). */
    private final Map<SelfTimes.Operation, List<Long>> longestSpans = new HashMap<>();
    private final Map<String, PatternCount> patterns = new HashMap<>();

    public Cohort() {
        this(MAX_PAIRS);
    }

    Cohort(int maxPairs) {
        this.maxPairs = maxPairs;
    }

    /** An attribute key, as a span or as a resource attribute. */
    record KeyOf(String key, boolean resource) {
    }

    /** A key and value as text; {@code resource}: the value is a resource attribute (else a span attribute). */
    public record Pair(String key, String value, boolean resource) {
    }

    /** In how many traces a value was seen, and the service of the first span (or resource) that carried it. */
    static final class PairCount {
        int traces;
        String service;
    }

    /** In how many traces a pattern was logged, with the first body and service seen. */
    static final class PatternCount {
        int traces;
        String example;
        String service;
    }

    /** Adds one trace: its spans and its logs. */
    public void add(List<Span> spans, List<LogRecord> logs) {
        traces++;
        Map<Pair, String> seen = new HashMap<>();
        Set<Object> resources = new HashSet<>();
        for (Span span : spans) {
            if (resources.add(span.resource())) {
                collect(span.resource().attributes(), true, span.serviceName(), seen);
            }
            collect(span.attributes(), false, span.serviceName(), seen);
        }
        seen.forEach((pair, service) -> {
            PairCount count = pairs.get(pair);
            if (count == null) {
                KeyOf key = new KeyOf(pair.key(), pair.resource());
                int values = valuesPerKey.getOrDefault(key, 0);
                if (values >= MAX_VALUES_PER_KEY) {
                    return; // saturated: left out as high-cardinality
                }
                if (pairs.size() >= maxPairs) {
                    truncated = true;
                    return;
                }
                valuesPerKey.put(key, values + 1);
                count = new PairCount();
                pairs.put(pair, count);
            }
            count.traces++;
            if (count.service == null) {
                count.service = service;
            }
        });
        SelfTimes.perOperation(spans).forEach((operation, nanos) -> {
            long[] sum = selfNanos.computeIfAbsent(operation, o -> new long[2]);
            sum[0] += nanos;
            sum[1]++;
        });
        Map<SelfTimes.Operation, Long> longest = new HashMap<>();
        for (Span span : spans) {
            longest.merge(new SelfTimes.Operation(span.serviceName(), span.name()), span.durationNanos(), Math::max);
        }
        longest.forEach((operation, nanos) -> longestSpans.computeIfAbsent(operation, o -> new ArrayList<>()).add(nanos));
        Map<String, LogRecord> logged = new HashMap<>();
        for (LogRecord log : logs) {
            if (logged.size() >= MAX_PATTERNS_PER_TRACE) {
                break;
            }
            String body = log.body() == null ? "" : String.valueOf(log.body());
            String pattern = LogPatterns.pattern(body);
            if (!pattern.isEmpty()) {
                logged.putIfAbsent(pattern, log);
            }
        }
        logged.forEach((pattern, log) -> {
            PatternCount count = patterns.computeIfAbsent(pattern, p -> new PatternCount());
            count.traces++;
            if (count.example == null) {
                count.example = String.valueOf(log.body());
                count.service = log.serviceName();
            }
        });
    }

    private static void collect(Attributes attributes, boolean resource, String service, Map<Pair, String> seen) {
        for (Map.Entry<String, Object> entry : attributes.values().entrySet()) {
            if (seen.size() >= MAX_PAIRS_PER_TRACE) {
                return;
            }
            if (entry.getValue() == null || ID_KEY.matcher(entry.getKey()).matches()) {
                continue;
            }
            String value = String.valueOf(entry.getValue());
            if (value.length() > MAX_VALUE_CHARS) {
                continue;
            }
            seen.putIfAbsent(new Pair(entry.getKey(), value, resource), service);
        }
    }

    public int traces() {
        return traces;
    }

    /** Whether distinct attribute values beyond {@link #MAX_PAIRS} were not counted: the comparison is partial. */
    public boolean truncated() {
        return truncated;
    }

    /** Whether the key had more distinct values than are kept ({@link #MAX_VALUES_PER_KEY}). */
    boolean saturated(KeyOf key) {
        return valuesPerKey.getOrDefault(key, 0) >= MAX_VALUES_PER_KEY;
    }

    Map<Pair, PairCount> pairs() {
        return pairs;
    }

    /** Per operation: {sum of self nanos over the cohort's traces, traces that have it}. */
    Map<SelfTimes.Operation, long[]> selfNanos() {
        return selfNanos;
    }

    /**
     * The median over the cohort's traces that have the operation of each trace's longest span of it, in ms
     * (NaN when none has it): a span duration, comparable with a trace search's minimum duration.
     */
    double medianLongestSpanMs(SelfTimes.Operation operation) {
        List<Long> nanos = longestSpans.get(operation);
        if (nanos == null || nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2) / 1e6; // the lower median: at least half of them reach it
    }

    Map<String, PatternCount> patterns() {
        return patterns;
    }

    int pairTraces(Pair pair) {
        PairCount count = pairs.get(pair);
        return count == null ? 0 : count.traces;
    }

    int patternTraces(String pattern) {
        PatternCount count = patterns.get(pattern);
        return count == null ? 0 : count.traces;
    }
}
