package dev.meridian.dashboards;

import dev.meridian.query.MetricAggregation;
import java.util.List;
import java.util.Map;

/** Dashboards the tests build. */
final class Dashboards {

    private Dashboards() {
    }

    static Panel p95(String service) {
        return new Panel(null, "p95 of " + service, new PanelQuery.Red(service, null, RedFigure.P95), 2, ChartKind.LINE);
    }

    static Panel heap() {
        return new Panel(null, "Heap", new PanelQuery.Metric("jvm.memory.used", "shop", MetricAggregation.AVG,
                Map.of("jvm.memory.type", "heap"), List.of("jvm.memory.pool.name")), 4, ChartKind.AREA);
    }

    static Dashboard checkout() {
        return new Dashboard(null, "Checkout", "What the checkout team watches", List.of(p95("shop"), heap()), 0, null);
    }
}
