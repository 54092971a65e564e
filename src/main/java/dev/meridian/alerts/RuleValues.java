package dev.meridian.alerts;

import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.query.BucketStep;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.MetricQuery;
import dev.meridian.query.MetricSeries;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The value of a rule's query over a window, per group ({@code ""} when it does not group), read from the rollups:
 * a RED figure from the window's merged summary (percentiles from merged histograms, exact for the window), a
 * metric as the aggregation of its one-minute buckets (sum for count, max for max, min for min, the mean of the
 * buckets otherwise). No entry: no data in the window. Also the history series that an anomaly band learns from.
 */
public class RuleValues {

    private final ServiceQueries services;
    private final MetricQueries metrics;

    public RuleValues(ServiceQueries services, MetricQueries metrics) {
        this.services = services;
        this.metrics = metrics;
    }

    /** The same values for one evaluation pass, with each window's service summaries read once. */
    RuleValues onePass() {
        return new RuleValues(new OnePassServiceQueries(services), metrics);
    }

    Map<String, Double> values(PanelQuery query, TimeRange window) {
        return switch (query) {
            case PanelQuery.Red red -> red(red, window);
            case PanelQuery.Metric metric -> metric(metric, window);
        };
    }

    private Map<String, Double> red(PanelQuery.Red red, TimeRange window) {
        long minutes = Math.max(1, Duration.ofNanos(window.endNanos() - window.startNanos()).toMinutes());
        Summary summary;
        if (red.operation() == null) {
            summary = services.services(window).stream().filter(s -> s.name().equals(red.service())).findFirst()
                    .map(Summary::of).orElse(null);
        } else {
            summary = services.operations(red.service(), window).stream().filter(o -> o.name().equals(red.operation()))
                    .findFirst().map(Summary::of).orElse(null);
        }
        if (summary == null || summary.requests == 0) {
            // no requests: throughput is a measured zero, the other figures are undefined
            return red.figure() == RedFigure.THROUGHPUT && summary != null ? Map.of("", 0.0) : Map.of();
        }
        double value = switch (red.figure()) {
            case THROUGHPUT -> (double) summary.requests / minutes;
            case ERROR_RATE -> (double) summary.errors / summary.requests;
            case P50 -> summary.p50;
            case P95, LATENCY_ALL -> summary.p95;
            case P99 -> summary.p99;
            case STATUS_CLASSES -> Double.NaN; // refused by AlertRuleJson: three lines, not one value
        };
        return Double.isFinite(value) ? Map.of("", value) : Map.of();
    }

    private record Summary(long requests, long errors, double p50, double p95, double p99) {
        static Summary of(ServiceSummary s) {
            return new Summary(s.requestCount(), s.errorCount(), s.p50Ms(), s.p95Ms(), s.p99Ms());
        }

        static Summary of(OperationSummary o) {
            return new Summary(o.requestCount(), o.errorCount(), o.p50Ms(), o.p95Ms(), o.p99Ms());
        }
    }

    private Map<String, Double> metric(PanelQuery.Metric metric, TimeRange window) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (MetricSeries series : metricSeries(metric, window, Duration.ofMinutes(1))) {
            double value = aggregate(metric.aggregation(), series.values());
            if (Double.isFinite(value)) {
                values.put(groupKey(series.group()), value);
            }
        }
        return values;
    }

    private List<MetricSeries> metricSeries(PanelQuery.Metric metric, TimeRange range, Duration step) {
        return metrics.series(new MetricQuery(metric.name(), metric.service(), metric.aggregation(), metric.filters(),
                metric.groupBy(), range, step));
    }

    static double aggregate(MetricAggregation aggregation, double[] buckets) {
        List<Double> present = new ArrayList<>();
        for (double v : buckets) {
            if (Double.isFinite(v)) {
                present.add(v);
            }
        }
        if (present.isEmpty()) {
            return Double.NaN;
        }
        return switch (aggregation) {
            case COUNT -> present.stream().mapToDouble(Double::doubleValue).sum();
            case MAX -> present.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case MIN -> present.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case LAST -> present.getLast();
            default -> present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        };
    }

    /** A group's key: its attribute values in key order, e.g. {@code pool=heap, area=old}; "" when not grouped. */
    static String groupKey(Map<String, String> group) {
        return new TreeMap<>(group).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * The query's value per {@code step} bucket over {@code range}, per group: what an anomaly band learns from and
     * what the rule editor's backtest draws. Buckets without data are left out.
     */
    Map<String, List<AnomalyBand.Sample>> history(PanelQuery query, TimeRange range, Duration step) {
        Map<String, List<AnomalyBand.Sample>> history = new LinkedHashMap<>();
        switch (query) {
            case PanelQuery.Red red -> {
                List<AnomalyBand.Sample> samples = new ArrayList<>();
                // the series widens the step over long ranges (rollup levels): per-minute rates need the real one
                long bucketMinutes = Math.max(1, BucketStep.choose(range, step).toMinutes());
                boolean started = false;
                for (RedPoint p : services.series(red.service(), red.operation(), range, step)) {
                    // buckets before the service's first request are not a usual zero: they are before its history
                    started |= p.requestCount() > 0;
                    if (!started) {
                        continue;
                    }
                    double value = switch (red.figure()) {
                        case THROUGHPUT -> (double) p.requestCount() / bucketMinutes;
                        case ERROR_RATE -> p.requestCount() == 0 ? Double.NaN : p.errorRate();
                        case P50 -> p.p50Ms();
                        case P95, LATENCY_ALL -> p.p95Ms();
                        case P99 -> p.p99Ms();
                        case STATUS_CLASSES -> Double.NaN; // refused by AlertRuleJson
                    };
                    if (Double.isFinite(value)) {
                        samples.add(new AnomalyBand.Sample(p.bucketStart(), value));
                    }
                }
                history.put("", samples);
            }
            case PanelQuery.Metric metric -> {
                for (MetricSeries series : metricSeries(metric, range, step)) {
                    List<AnomalyBand.Sample> samples = new ArrayList<>();
                    for (int i = 0; i < series.values().length; i++) {
                        if (Double.isFinite(series.values()[i])) {
                            samples.add(new AnomalyBand.Sample(series.buckets().get(i), series.values()[i]));
                        }
                    }
                    history.put(groupKey(series.group()), samples);
                }
            }
        }
        return history;
    }

}
