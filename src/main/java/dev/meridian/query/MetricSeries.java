package dev.meridian.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One line of a metric chart: the group's attribute values and one value per bucket (NaN where there was no point). */
public record MetricSeries(Map<String, String> group, List<Instant> buckets, double[] values) {
}
