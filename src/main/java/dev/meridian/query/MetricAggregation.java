package dev.meridian.query;

/** How the points of a bucket become one value; which ones apply depends on the metric type. */
public enum MetricAggregation {
    /** sums: per-second increase */
    RATE,
    /** gauges and sums: the last value */
    LAST,
    AVG, MIN, MAX,
    /** histograms */
    P50, P95, P99, COUNT
}
