package dev.meridian.api;

import dev.meridian.query.BucketStep;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.MetricQuery;
import dev.meridian.query.MetricSeries;
import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Metric listing and metric charts. */
@RestController
@RequestMapping("/api/v1/metrics")
class MetricsController {

    private final MetricQueries metrics;
    private final Clock clock;

    MetricsController(MetricQueries metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    record PointJson(String time, Double value) {
    }

    record SeriesJson(Map<String, String> group, List<PointJson> points) {
    }

    record MetricSeriesJson(String name, String aggregation, String step, List<SeriesJson> series) {
    }

    /** {@code GET /api/v1/metrics?service=}: {@code [{name, type, unit, description}]} by name (every service's without it). */
    @GetMapping
    List<MetricDescriptor> list(@RequestParam(required = false) String service) {
        return metrics.metrics(TracesController.blankToNull(service));
    }

    /**
     * {@code GET /api/v1/metrics/{name}/series?service=&agg=&groupBy=&filter=k=v&from=&to=&step=}.
     * {@code agg}: rate, last, avg, min, max (gauges, sums), p50, p95, p99, count (histograms), default avg;
     * {@code groupBy} attribute keys (repeat or comma-separate); {@code filter} attribute equalities
     * (repeat). Values are null for buckets without points.
     */
    @GetMapping("/{name}/series")
    MetricSeriesJson series(@PathVariable String name, @RequestParam(required = false) String service,
                            @RequestParam(required = false) String agg,
                            @RequestParam(required = false) List<String> groupBy,
                            @RequestParam(required = false) List<String> filter,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String step) {
        TimeRange range = ApiParameters.range(from, to, clock);
        Duration requested = ApiParameters.duration("step", step);
        MetricAggregation aggregation = ApiParameters.choice("agg", agg, MetricAggregation.class, MetricAggregation.AVG);
        Map<String, String> filters = new LinkedHashMap<>();
        if (filter != null) {
            for (String f : filter) {
                int eq = f.indexOf('=');
                if (eq <= 0) {
                    throw new BadRequestException("parameter 'filter' must be key=value, was '" + ApiParameters.abbreviate(f) + "'");
                }
                filters.put(f.substring(0, eq).trim(), f.substring(eq + 1));
            }
        }
        List<String> keys = groupBy == null ? List.of() : groupBy.stream()
                .flatMap(g -> Arrays.stream(g.split(","))).map(String::trim).filter(g -> !g.isEmpty()).toList();
        List<MetricSeries> result = metrics.series(new MetricQuery(name, TracesController.blankToNull(service), aggregation,
                filters, keys, range, requested));
        List<SeriesJson> series = new ArrayList<>();
        for (MetricSeries s : result) {
            List<PointJson> points = new ArrayList<>(s.buckets().size());
            for (int i = 0; i < s.buckets().size(); i++) {
                points.add(new PointJson(s.buckets().get(i).toString(), ApiParameters.finite(s.values()[i])));
            }
            series.add(new SeriesJson(s.group(), points));
        }
        return new MetricSeriesJson(name, aggregation.name(), BucketStep.choose(range, requested).toString(), series);
    }
}
