package dev.meridian.telemetry;

import java.util.List;

/** The value of one metric data point; which variant depends on the metric's {@link MetricType}. */
public sealed interface MetricValue {

    /** A gauge or sum value; OTLP's as_int is kept as {@code isInteger}. */
    record Number(double value, boolean isInteger) implements MetricValue {
    }

    /** An explicit-bucket histogram: {@code bucketCounts.length == explicitBounds.length + 1}. */
    record Histogram(long count, Double sum, Double min, Double max, double[] explicitBounds, long[] bucketCounts)
            implements MetricValue {
    }

    record ExponentialHistogram(long count, Double sum, Double min, Double max, int scale, long zeroCount,
                                double zeroThreshold, int positiveOffset, long[] positiveBucketCounts,
                                int negativeOffset, long[] negativeBucketCounts) implements MetricValue {
    }

    record Summary(long count, double sum, List<Quantile> quantiles) implements MetricValue {
    }

    record Quantile(double quantile, double value) {
    }
}
