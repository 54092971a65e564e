package dev.meridian.query;

import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Null service: every service. {@code filters} are attribute equalities (point or resource attributes); {@code groupBy} attribute keys. */
public record MetricQuery(String name, String service, MetricAggregation aggregation, Map<String, String> filters,
                          List<String> groupBy, TimeRange range, Duration step) {
}
