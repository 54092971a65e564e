package dev.meridian.dashboards;

import dev.meridian.query.MetricAggregation;
import java.util.List;
import java.util.Map;

/** What a panel charts: RED figures of a service (from rollups) or an OTLP metric. */
public sealed interface PanelQuery {

    /** The service whose traces a click on the panel opens; null when the query spans every service. */
    String service();

    /** RED of {@code service}, or only of {@code operation} when it is not null. */
    record Red(String service, String operation, RedFigure figure) implements PanelQuery {
        public Red {
            service = Dashboard.blankToNull(service);
            operation = Dashboard.blankToNull(operation);
        }
    }

    /**
     * The metric {@code name}, of {@code service} only when it is not null, aggregated per bucket;
     * {@code filters} are attribute equalities, {@code groupBy} attribute keys (one line per group).
     */
    record Metric(String name, String service, MetricAggregation aggregation, Map<String, String> filters,
                  List<String> groupBy) implements PanelQuery {
        public Metric {
            name = Dashboard.blankToNull(name);
            service = Dashboard.blankToNull(service);
            filters = filters == null ? Map.of() : Map.copyOf(filters);
            groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        }
    }
}
