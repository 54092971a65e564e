package dev.meridian.api;

import dev.meridian.query.BucketStep;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * RED figures of services and operations, from the minute rollups.
 * Times ({@code from}, {@code to}) are ISO-8601 instants or epoch milliseconds; the default window is
 * the last hour. Percentiles are milliseconds, null when there was no request.
 */
@RestController
@RequestMapping("/api/v1/services")
class ServicesController {

    private final ServiceQueries services;
    private final Clock clock;

    ServicesController(ServiceQueries services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    record ServiceJson(String name, long spanCount, long requestCount, long errorCount, double errorRate,
                       Double p50Ms, Double p95Ms, Double p99Ms) {
    }

    record OperationJson(String name, long requestCount, long errorCount, double errorRate,
                         Double p50Ms, Double p95Ms, Double p99Ms) {
    }

    /** One bucket {@code [time, time + step)}: requests, errors, latency percentiles and HTTP status classes. */
    record PointJson(String time, long requestCount, long errorCount, double errorRate, Double p50Ms, Double p95Ms,
                     Double p99Ms, long okCount, long clientErrorCount, long serverErrorCount) {
    }

    record SeriesJson(String service, String operation, String step, List<PointJson> points) {
    }

    /** {@code GET /api/v1/services?from=&to=}: every service that sent spans in the window, by name. */
    @GetMapping
    List<ServiceJson> services(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return services.services(ApiParameters.range(from, to, clock)).stream()
                .map(s -> new ServiceJson(s.name(), s.spanCount(), s.requestCount(), s.errorCount(), s.errorRate(),
                        ApiParameters.finite(s.p50Ms()), ApiParameters.finite(s.p95Ms()), ApiParameters.finite(s.p99Ms())))
                .toList();
    }

    /** {@code GET /api/v1/services/{service}/operations?from=&to=}: the service's operations (entry span names). */
    @GetMapping("/{service}/operations")
    List<OperationJson> operations(@PathVariable String service, @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        return services.operations(service, ApiParameters.range(from, to, clock)).stream()
                .map(o -> new OperationJson(o.name(), o.requestCount(), o.errorCount(), o.errorRate(),
                        ApiParameters.finite(o.p50Ms()), ApiParameters.finite(o.p95Ms()), ApiParameters.finite(o.p99Ms())))
                .toList();
    }

    /**
     * {@code GET /api/v1/services/{service}/series?operation=&from=&to=&step=}: RED points per step bucket,
     * empty buckets included. {@code step} ({@code 60s}, {@code 5m}, {@code PT1H}…) is rounded up to whole
     * minutes; without it about 60 buckets are chosen.
     */
    @GetMapping("/{service}/series")
    SeriesJson series(@PathVariable String service, @RequestParam(required = false) String operation,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String step) {
        TimeRange range = ApiParameters.range(from, to, clock);
        Duration requested = ApiParameters.duration("step", step);
        List<RedPoint> red = services.series(service, operation, range, requested);
        List<StatusClassPoint> status = services.statusClasses(service, operation, range, requested);
        List<PointJson> points = new ArrayList<>(red.size());
        for (int i = 0; i < red.size(); i++) {
            RedPoint r = red.get(i);
            StatusClassPoint s = status.get(i);
            points.add(new PointJson(r.bucketStart().toString(), r.requestCount(), r.errorCount(), r.errorRate(),
                    ApiParameters.finite(r.p50Ms()), ApiParameters.finite(r.p95Ms()), ApiParameters.finite(r.p99Ms()),
                    s.ok(), s.clientErrors(), s.serverErrors()));
        }
        return new SeriesJson(service, operation, BucketStep.choose(range, requested).toString(), points);
    }
}
