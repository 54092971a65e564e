package dev.meridian.ui.metrics;

import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.telemetry.MetricType;
import java.util.List;

/**
 * Which aggregations make sense for which metric type: a sum is charted as a per-second rate or
 * its last value; a histogram as percentiles or its count of observations; a gauge as the average,
 * minimum, maximum or last value of the points in a bucket; a summary by its own quantiles; an
 * exponential histogram (whose percentiles storage does not keep) by its count. The first of each
 * list is the default.
 */
public final class MetricAggregations {

    private MetricAggregations() {
    }

    public static List<MetricAggregation> allowedFor(MetricType type) {
        return allowedFor(type, true);
    }

    /** The descriptor's aggregations, its default first. */
    public static List<MetricAggregation> allowedFor(MetricDescriptor metric) {
        return allowedFor(metric.type(), metric.monotonic());
    }

    /**
     * Counters read best as rates; an up-down counter (a non-monotonic sum such as {@code jvm.memory.used})
     * is a level, so its last value comes first.
     */
    static List<MetricAggregation> allowedFor(MetricType type, boolean monotonic) {
        if (type == null) {
            return List.of();
        }
        return switch (type) {
            case SUM -> monotonic ? List.of(MetricAggregation.RATE, MetricAggregation.LAST)
                    : List.of(MetricAggregation.LAST, MetricAggregation.RATE);
            case HISTOGRAM, SUMMARY -> List.of(MetricAggregation.P95, MetricAggregation.P50,
                    MetricAggregation.P99, MetricAggregation.COUNT);
            // storage keeps no percentiles of exponential histograms (JdbcMetricQueries)
            case EXPONENTIAL_HISTOGRAM -> List.of(MetricAggregation.COUNT);
            case GAUGE -> List.of(MetricAggregation.AVG, MetricAggregation.MIN, MetricAggregation.MAX, MetricAggregation.LAST);
        };
    }

    public static MetricAggregation defaultFor(MetricType type) {
        List<MetricAggregation> allowed = allowedFor(type);
        return allowed.isEmpty() ? null : allowed.getFirst();
    }

    /** The requested aggregation when it is valid for the type, otherwise the type's default. */
    public static MetricAggregation resolve(MetricType type, MetricAggregation requested) {
        return requested != null && allowedFor(type).contains(requested) ? requested : defaultFor(type);
    }

    /** The requested aggregation when it is valid for the metric, otherwise the metric's default. */
    public static MetricAggregation resolve(MetricDescriptor metric, MetricAggregation requested) {
        List<MetricAggregation> allowed = allowedFor(metric);
        return requested != null && allowed.contains(requested) ? requested : allowed.isEmpty() ? null : allowed.getFirst();
    }

    /** How the aggregation reads in the picker. */
    public static String label(MetricAggregation aggregation) {
        return switch (aggregation) {
            case RATE -> "Rate (/s)";
            case LAST -> "Last value";
            case AVG -> "Average";
            case MIN -> "Minimum";
            case MAX -> "Maximum";
            case P50 -> "p50 (median)";
            case P95 -> "p95";
            case P99 -> "p99";
            case COUNT -> "Count";
        };
    }
}
