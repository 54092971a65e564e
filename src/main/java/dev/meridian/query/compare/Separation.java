package dev.meridian.query.compare;

/**
 * How far a share among the selected traces stands from the share among the baseline: the two-proportion
 * z-score {@code (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2))} with the pooled share {@code p}. It grows with the
 * difference of the shares and with the evidence behind it (the counts), so 9 slow traces of 10 with a value
 * rank above 1 of 1, and a value every trace has scores 0. Positive: over-represented among the selected.
 */
public final class Separation {

    private Separation() {
    }

    /** 0 when either group is empty or the value is in all or none of the traces. */
    public static double zScore(long selectedHits, long selectedTraces, long baselineHits, long baselineTraces) {
        if (selectedTraces <= 0 || baselineTraces <= 0) {
            return 0;
        }
        double p1 = (double) selectedHits / selectedTraces;
        double p2 = (double) baselineHits / baselineTraces;
        double pooled = (double) (selectedHits + baselineHits) / (selectedTraces + baselineTraces);
        double variance = pooled * (1 - pooled) * (1.0 / selectedTraces + 1.0 / baselineTraces);
        if (variance <= 0) {
            return 0;
        }
        return (p1 - p2) / Math.sqrt(variance);
    }

    /**
     * The fewest selected traces a value must appear in to be reported: 2, or 2 % of the selected traces when that
     * is more, but never more than there are (one slow trace can still be explained). Keeps one-off values (an
     * order id) from topping the list on a z-score of one observation.
     */
    public static long minimumSupport(long selectedTraces) {
        return Math.max(1, Math.min(selectedTraces, Math.max(2, (long) Math.ceil(selectedTraces * 0.02))));
    }
}
