package dev.meridian.query.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks what separates two {@link Cohort}s. Attribute values and log patterns: over-represented among the selected
 * traces ({@code selectedShare > baselineShare}), seen in at least {@link Separation#minimumSupport} selected
 * traces, ranked by {@link Separation#zScore}. Keys with many distinct values (more than
 * {@value #MAX_DISTINCT_VALUES} and more than {@value #HIGH_CARDINALITY_RATIO} of the traces that carry them:
 * order ids, timestamps, urls with ids) are left out: each value is in one trace, so it explains nothing.
 * Operations: mean self time per trace (a mean, not a median: means add up, so the operations' extra times sum
 * to the difference of the mean durations, and the list shows where that difference goes), ranked by extra time.
 */
public final class CohortComparison {

    public static final int MAX_FINDINGS = 20;
    static final int MAX_DISTINCT_VALUES = 20;
    static final double HIGH_CARDINALITY_RATIO = 0.3;

    private CohortComparison() {
    }

    public static Findings compare(Cohort selected, Cohort baseline) {
        return new Findings(attributes(selected, baseline), operations(selected, baseline), logs(selected, baseline));
    }

    static List<Findings.AttributeFinding> attributes(Cohort selected, Cohort baseline) {
        long n1 = selected.traces();
        long n2 = baseline.traces();
        Set<Cohort.KeyOf> highCardinality = highCardinality(selected, baseline);
        long support = Separation.minimumSupport(n1);
        List<Findings.AttributeFinding> found = new ArrayList<>();
        selected.pairs().forEach((pair, count) -> {
            if (count.traces < support || highCardinality.contains(new Cohort.KeyOf(pair.key(), pair.resource()))) {
                return;
            }
            long other = baseline.pairTraces(pair);
            double share1 = share(count.traces, n1);
            double share2 = share(other, n2);
            if (share1 <= share2) {
                return;
            }
            found.add(new Findings.AttributeFinding(pair.key(), pair.value(), share1, share2, count.traces, other,
                    Separation.zScore(count.traces, n1, other, n2), count.service, pair.resource()));
        });
        found.sort(Comparator.comparingDouble(Findings.AttributeFinding::score).reversed()
                .thenComparing(Comparator.comparingDouble(
                        (Findings.AttributeFinding f) -> f.selectedShare() - f.baselineShare()).reversed())
                .thenComparing(Findings.AttributeFinding::key).thenComparing(Findings.AttributeFinding::value));
        return List.copyOf(found.subList(0, Math.min(MAX_FINDINGS, found.size())));
    }

    /** Keys with more distinct values than a grouping can use, counted over both cohorts. */
    private static Set<Cohort.KeyOf> highCardinality(Cohort selected, Cohort baseline) {
        Map<Cohort.KeyOf, Set<String>> values = new HashMap<>();
        Map<Cohort.KeyOf, Long> carriers = new HashMap<>();
        for (Cohort cohort : List.of(selected, baseline)) {
            cohort.pairs().forEach((pair, count) -> {
                Cohort.KeyOf key = new Cohort.KeyOf(pair.key(), pair.resource());
                values.computeIfAbsent(key, k -> new HashSet<>()).add(pair.value());
                carriers.merge(key, (long) count.traces, Long::sum);
            });
        }
        Set<Cohort.KeyOf> high = new HashSet<>();
        values.forEach((key, distinct) -> {
            if (selected.saturated(key) || baseline.saturated(key)) {
                high.add(key);
            } else if (distinct.size() > MAX_DISTINCT_VALUES && distinct.size() > HIGH_CARDINALITY_RATIO * carriers.get(key)) {
                high.add(key);
            }
        });
        return high;
    }

    static List<Findings.OperationFinding> operations(Cohort selected, Cohort baseline) {
        long n1 = selected.traces();
        long n2 = baseline.traces();
        Set<SelfTimes.Operation> operations = new HashSet<>(selected.selfNanos().keySet());
        operations.addAll(baseline.selfNanos().keySet());
        List<Findings.OperationFinding> found = new ArrayList<>();
        for (SelfTimes.Operation operation : operations) {
            long[] s = selected.selfNanos().getOrDefault(operation, new long[2]);
            long[] b = baseline.selfNanos().getOrDefault(operation, new long[2]);
            found.add(new Findings.OperationFinding(operation.service(), operation.name(), meanMs(s[0], n1),
                    meanMs(b[0], n2), s[1], b[1], selected.medianLongestSpanMs(operation)));
        }
        found.sort(Comparator.comparingDouble(Findings.OperationFinding::extraMs).reversed()
                .thenComparing(Findings.OperationFinding::service).thenComparing(Findings.OperationFinding::name));
        return List.copyOf(found.subList(0, Math.min(MAX_FINDINGS, found.size())));
    }

    static List<Findings.LogFinding> logs(Cohort selected, Cohort baseline) {
        long n1 = selected.traces();
        long n2 = baseline.traces();
        long support = Separation.minimumSupport(n1);
        List<Findings.LogFinding> found = new ArrayList<>();
        selected.patterns().forEach((pattern, count) -> {
            long other = baseline.patternTraces(pattern);
            double share1 = share(count.traces, n1);
            double share2 = share(other, n2);
            if (count.traces < support || share1 <= share2) {
                return;
            }
            found.add(new Findings.LogFinding(pattern, count.traces, other, share1, share2,
                    Separation.zScore(count.traces, n1, other, n2), count.example, count.service));
        });
        found.sort(Comparator.comparingDouble(Findings.LogFinding::score).reversed()
                .thenComparing(Comparator.comparingLong(Findings.LogFinding::selectedCount).reversed())
                .thenComparing(Findings.LogFinding::pattern));
        return List.copyOf(found.subList(0, Math.min(MAX_FINDINGS, found.size())));
    }

    private static double share(long hits, long traces) {
        return traces == 0 ? 0 : (double) hits / traces;
    }

    private static double meanMs(long nanos, long traces) {
        return traces == 0 ? 0 : nanos / 1e6 / traces;
    }
}
