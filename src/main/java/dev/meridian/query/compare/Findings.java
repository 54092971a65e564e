package dev.meridian.query.compare;

import java.util.List;

/**
 * What separates the selected traces from the baseline, most significant first in each list.
 *
 * @param attributes attribute values over-represented among the selected traces, by {@link Separation#zScore}
 * @param operations self time per operation (mean per trace, see {@link CohortComparison}), most extra time first
 * @param logs       log patterns over-represented among the selected traces, by {@link Separation#zScore}
 */
public record Findings(List<AttributeFinding> attributes, List<OperationFinding> operations, List<LogFinding> logs) {

    public static final Findings NONE = new Findings(List.of(), List.of(), List.of());

    /**
     * An attribute value; shares are of traces that carry it (on any span or resource) in each group.
     *
     * @param service  the service whose span (or resource) carried it first: where to look
     * @param resource whether it is a resource attribute (else a span attribute)
     */
    public record AttributeFinding(String key, String value, double selectedShare, double baselineShare,
                                   long selectedCount, long baselineCount, double score, String service,
                                   boolean resource) {
    }

    /**
     * Self time of an operation in milliseconds, the mean per trace of each group (traces without the operation
     * count 0, so the extra times of all operations add up to the difference of the mean trace durations).
     *
     * @param selectedSpanMs a span duration, not a self time: the median over the selected traces that have the
     *                       operation of each one's longest span of it (NaN when none has it); the trace search's
     *                       minimum duration that finds at least half of those traces
     */
    public record OperationFinding(String service, String name, double selectedSelfMs, double baselineSelfMs,
                                   long selectedTraces, long baselineTraces, double selectedSpanMs) {

        public double extraMs() {
            return selectedSelfMs - baselineSelfMs;
        }
    }

    /** A log message pattern; counts are traces that logged it in each group. */
    public record LogFinding(String pattern, long selectedCount, long baselineCount, double selectedShare,
                             double baselineShare, double score, String example, String service) {
    }
}
