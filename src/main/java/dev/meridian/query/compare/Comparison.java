package dev.meridian.query.compare;

/**
 * The answer of {@link CompareQueries#compare}.
 *
 * @param selection      what was selected, in words ("duration ≥ 250 ms", "slowest 5 %: duration ≥ 480 ms (p95)")
 * @param minDurationMs  the duration bound the selection used (given, or the p95 when defaulted); null for errors only
 * @param selectedCount  selected traces compared (after sampling)
 * @param baselineCount  baseline traces compared (after sampling)
 * @param selectedTotal  selected entry spans in the window (before sampling)
 * @param baselineTotal  baseline entry spans in the window (before sampling)
 * @param sampled        whether a group had more traces than are compared, so a uniform sample was compared
 * @param partial        whether the query ran out of its budget (time, entry spans read, distinct attribute
 *                       values counted) and compared only what it had loaded by then
 */
public record Comparison(String selection, Double minDurationMs, long selectedCount, long baselineCount,
                         long selectedTotal, long baselineTotal, boolean sampled, boolean partial, Findings findings) {

    /**
     * The comparison of two cohorts; partial also when a cohort counted only part of its attribute values
     * ({@link Cohort#truncated()}).
     */
    public static Comparison of(String selection, Double minDurationMs, Cohort selected, Cohort baseline,
                                long selectedTotal, long baselineTotal, boolean sampled, boolean partial) {
        return new Comparison(selection, minDurationMs, selected.traces(), baseline.traces(), selectedTotal,
                baselineTotal, sampled, partial || selected.truncated() || baseline.truncated(),
                CohortComparison.compare(selected, baseline));
    }

    public static Comparison empty(String selection, Double minDurationMs) {
        return new Comparison(selection, minDurationMs, 0, 0, 0, 0, false, false, Findings.NONE);
    }
}
