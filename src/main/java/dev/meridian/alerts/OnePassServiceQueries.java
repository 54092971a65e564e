package dev.meridian.alerts;

import dev.meridian.query.OperationSummary;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service summaries of one evaluation pass, read once per window and service: 500 rules on a handful of
 * services and windows cost a handful of rollup reads per pass, not 500. Lives for one pass only (one thread).
 */
final class OnePassServiceQueries implements ServiceQueries {

    private record OperationsKey(String service, TimeRange range) {
    }

    private final ServiceQueries queries;
    private final Map<TimeRange, List<ServiceSummary>> services = new HashMap<>();
    private final Map<OperationsKey, List<OperationSummary>> operations = new HashMap<>();

    OnePassServiceQueries(ServiceQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<ServiceSummary> services(TimeRange range) {
        return services.computeIfAbsent(range, queries::services);
    }

    @Override
    public List<OperationSummary> operations(String service, TimeRange range) {
        return operations.computeIfAbsent(new OperationsKey(service, range), key -> queries.operations(service, range));
    }

    @Override
    public List<RedPoint> series(String service, String operation, TimeRange range, Duration step) {
        return queries.series(service, operation, range, step);
    }

    @Override
    public List<StatusClassPoint> statusClasses(String service, String operation, TimeRange range, Duration step) {
        return queries.statusClasses(service, operation, range, step);
    }
}
