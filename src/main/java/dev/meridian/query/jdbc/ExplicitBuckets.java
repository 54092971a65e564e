package dev.meridian.query.jdbc;

/** Percentiles of OTLP explicit-bucket histograms. */
final class ExplicitBuckets {

    private ExplicitBuckets() {
    }

    /**
     * The q-quantile (0..1) by linear interpolation inside the bucket that holds it. Bucket i covers
     * {@code (bounds[i-1], bounds[i]]}; the first bucket is taken to start at 0 (or at its upper bound
     * when that is negative), the overflow bucket is reported as its lower bound. NaN when empty.
     */
    static double percentile(double[] bounds, long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += Math.max(0, c);
        }
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            long c = Math.max(0, counts[i]);
            if (c > 0 && seen + c >= rank) {
                if (i >= bounds.length) {
                    return bounds.length == 0 ? Double.NaN : bounds[bounds.length - 1];
                }
                double upper = bounds[i];
                double lower = i == 0 ? Math.min(0, upper) : bounds[i - 1];
                return lower + (upper - lower) * ((rank - seen) / c);
            }
            seen += c;
        }
        return bounds.length == 0 ? Double.NaN : bounds[bounds.length - 1];
    }
}
