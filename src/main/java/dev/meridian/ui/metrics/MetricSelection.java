package dev.meridian.ui.metrics;

import dev.meridian.query.MetricAggregation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the metrics explorer shows, as kept in its URL: {@code metric}, {@code service},
 * {@code agg} (e.g. {@code p95}, {@code rate}), {@code groupBy} (repeated, or comma separated)
 * and {@code filter} (repeated {@code key=value}; the value may contain '='). The time window is
 * the layout's. Unreadable values are dropped. Plain Java.
 */
public record MetricSelection(String metric, String service, MetricAggregation aggregation, List<String> groupBy,
                              List<String> filters) {

    public static final String METRIC = "metric";
    public static final String SERVICE = "service";
    public static final String AGGREGATION = "agg";
    public static final String GROUP_BY = "groupBy";
    public static final String FILTER = "filter";

    public static final MetricSelection NONE = new MetricSelection(null, null, null, List.of(), List.of());

    public MetricSelection {
        metric = blankToNull(metric);
        service = blankToNull(service);
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String key : groupBy == null ? List.<String>of() : groupBy) {
            if (key != null && !key.isBlank()) {
                keys.add(key.trim());
            }
        }
        groupBy = List.copyOf(keys);
        LinkedHashSet<String> valid = new LinkedHashSet<>();
        for (String filter : filters == null ? List.<String>of() : filters) {
            parseFilter(filter).ifPresent(entry -> valid.add(entry.getKey() + "=" + entry.getValue()));
        }
        filters = List.copyOf(valid);
    }

    public static MetricSelection fromParameters(Map<String, List<String>> parameters) {
        List<String> groupBy = new ArrayList<>();
        for (String value : parameters.getOrDefault(GROUP_BY, List.of())) {
            groupBy.addAll(List.of(value.split(",")));
        }
        return new MetricSelection(first(parameters, METRIC), first(parameters, SERVICE),
                parseAggregation(first(parameters, AGGREGATION)).orElse(null), groupBy,
                parameters.getOrDefault(FILTER, List.of()));
    }

    /** In a stable order; unset values are left out. */
    public Map<String, List<String>> toParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (metric != null) {
            parameters.put(METRIC, List.of(metric));
        }
        if (service != null) {
            parameters.put(SERVICE, List.of(service));
        }
        if (aggregation != null) {
            parameters.put(AGGREGATION, List.of(aggregation.name().toLowerCase(Locale.ROOT)));
        }
        if (!groupBy.isEmpty()) {
            parameters.put(GROUP_BY, groupBy);
        }
        if (!filters.isEmpty()) {
            parameters.put(FILTER, filters);
        }
        return parameters;
    }

    /** The filters as the query wants them: attribute key to value. */
    public Map<String, String> filterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String filter : filters) {
            parseFilter(filter).ifPresent(entry -> map.put(entry.getKey(), entry.getValue()));
        }
        return map;
    }

    public MetricSelection withMetric(String value) {
        return new MetricSelection(value, service, aggregation, groupBy, filters);
    }

    public MetricSelection withService(String value) {
        return new MetricSelection(metric, value, aggregation, groupBy, filters);
    }

    public MetricSelection withAggregation(MetricAggregation value) {
        return new MetricSelection(metric, service, value, groupBy, filters);
    }

    public MetricSelection withGroupBy(List<String> value) {
        return new MetricSelection(metric, service, aggregation, value, filters);
    }

    public MetricSelection withFilters(List<String> value) {
        return new MetricSelection(metric, service, aggregation, groupBy, value);
    }

    /** {@code key=value} with a non-blank key; the key is trimmed, the value kept as typed. */
    public static Optional<Map.Entry<String, String>> parseFilter(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int eq = text.indexOf('=');
        if (eq <= 0 || text.substring(0, eq).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(text.substring(0, eq).trim(), text.substring(eq + 1)));
    }

    public static Optional<MetricAggregation> parseAggregation(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MetricAggregation.valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
