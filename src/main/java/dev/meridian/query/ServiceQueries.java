package dev.meridian.query;

import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.util.List;

/** RED figures of services and operations; all of them come from rollups, never from raw spans. */
public interface ServiceQueries {

    /** Every service that sent spans in the window, by name. */
    List<ServiceSummary> services(TimeRange range);

    /** The service's operations (entry span names) in the window, by name; empty for an unknown service. */
    List<OperationSummary> operations(String service, TimeRange range);

    /**
     * One point per {@code step} bucket covering the window (empty buckets included, with count 0),
     * for the service, or only for {@code operation} when it is not null.
     */
    List<RedPoint> series(String service, String operation, TimeRange range, Duration step);

    /** Requests per HTTP status class per bucket for the service (and operation when not null). */
    List<StatusClassPoint> statusClasses(String service, String operation, TimeRange range, Duration step);
}
