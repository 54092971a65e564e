package dev.meridian.telemetry;

import java.util.List;

/** One data point of one metric, flattened with its metric's description, resource and scope. */
public record MetricPoint(
        Resource resource,
        InstrumentationScope scope,
        String name,
        String description,
        String unit,
        MetricType type,
        AggregationTemporality temporality,
        boolean monotonic,
        Attributes attributes,
        long startNanos,
        long timeNanos,
        MetricValue value,
        List<Exemplar> exemplars,
        int flags) {

    public String serviceName() {
        return resource.serviceName();
    }
}
