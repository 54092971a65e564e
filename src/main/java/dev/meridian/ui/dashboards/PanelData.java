package dev.meridian.ui.dashboards;

import dev.meridian.dashboards.RedFigure;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricSeries;
import dev.meridian.query.RedPoint;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.chart.StatusClassSeries;
import dev.meridian.ui.chart.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What one panel shows for one window: its lines, the unit of their values, and the bucket starts a
 * click maps to. Built from query results by pure functions, unit-tested.
 */
record PanelData(List<TimeSeries> lines, String unit, List<Instant> buckets, boolean hasData, double windowValue) {

    /**
     * Lines a metric panel draws at most: a group-by over a high-cardinality attribute would otherwise keep
     * thousands of series in the tab (and send them to the browser) at every refresh.
     */
    static final int MAX_LINES = 50;

    PanelData(List<TimeSeries> lines, String unit, List<Instant> buckets, boolean hasData) {
        this(lines, unit, buckets, hasData, Double.NaN);
    }

    /** This data with the figure of the whole window, which a stat panel shows instead of the last bucket. */
    PanelData withWindowValue(double value) {
        return new PanelData(lines, unit, buckets, hasData, value);
    }

    /**
     * What a stat panel shows: the figure of the whole window when there is one (requests per minute,
     * error rate, a percentile of all requests), otherwise the last value (a metric's latest point).
     */
    String formattedStat() {
        return format(Double.isNaN(windowValue) ? lastValue() : windowValue, unit);
    }

    /** Grafana's "last (not null)": the value a stat panel shows; NaN when there is none. */
    double lastValue() {
        if (lines.isEmpty()) {
            return Double.NaN;
        }
        double[] values = lines.getFirst().values();
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    /** The stat value with its unit, e.g. {@code 12.0/min}, {@code 3.2 %}, {@code 840 ms}. */
    String formattedLast() {
        return format(lastValue(), unit);
    }

    static String format(double value, String unit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return switch (unit) {
            case "ms" -> Formats.millis(value);
            case "%" -> String.format(Locale.ROOT, "%.1f %%", value);
            case "rpm" -> Formats.rate(value);
            case "bytes" -> bytes(value);
            default -> number(value) + (unit.isEmpty() ? "" : " " + unit);
        };
    }

    static PanelData red(List<RedPoint> points, RedFigure figure, Duration step) {
        List<Instant> buckets = points.stream().map(RedPoint::bucketStart).toList();
        boolean hasData = points.stream().anyMatch(p -> p.requestCount() > 0);
        double stepMinutes = step.toSeconds() / 60.0;
        List<TimeSeries> lines = switch (figure) {
            case THROUGHPUT -> List.of(line("requests", "Requests/min", points, buckets, p -> p.requestCount() / stepMinutes));
            case ERROR_RATE -> List.of(line("errors", "Error rate", points, buckets,
                    p -> p.requestCount() == 0 ? Double.NaN : 100 * p.errorRate()));
            case P50 -> List.of(line("p50", "p50", points, buckets, RedPoint::p50Ms));
            case P95 -> List.of(line("p95", "p95", points, buckets, RedPoint::p95Ms));
            case P99 -> List.of(line("p99", "p99", points, buckets, RedPoint::p99Ms));
            case LATENCY_ALL -> List.of(line("p50", "p50", points, buckets, RedPoint::p50Ms),
                    line("p95", "p95", points, buckets, RedPoint::p95Ms), line("p99", "p99", points, buckets, RedPoint::p99Ms));
            case STATUS_CLASSES -> throw new IllegalArgumentException("status classes are read by statusClasses()");
        };
        String unit = switch (figure) {
            case THROUGHPUT -> "rpm";
            case ERROR_RATE -> "%";
            default -> "ms";
        };
        long requests = points.stream().mapToLong(RedPoint::requestCount).sum();
        long errors = points.stream().mapToLong(RedPoint::errorCount).sum();
        double windowValue = switch (figure) {
            case THROUGHPUT -> points.isEmpty() ? Double.NaN : requests / (points.size() * stepMinutes);
            case ERROR_RATE -> requests == 0 ? Double.NaN : 100.0 * errors / requests;
            default -> Double.NaN;
        };
        return new PanelData(lines, unit, buckets, hasData, windowValue);
    }

    /**
     * Requests by HTTP status class, per bucket as on the service page ({@link StatusClassSeries}, one builder for
     * both); the stat is every classified request of the window.
     */
    static PanelData statusClasses(List<StatusClassPoint> points) {
        List<Instant> buckets = points.stream().map(StatusClassPoint::bucketStart).toList();
        long requests = StatusClassSeries.requests(points);
        return new PanelData(StatusClassSeries.lines(points), "", buckets, requests > 0,
                points.isEmpty() ? Double.NaN : requests);
    }

    static PanelData metric(String metricName, List<MetricSeries> series, MetricAggregation aggregation, String otlpUnit) {
        List<TimeSeries> lines = new ArrayList<>();
        List<Instant> buckets = series.isEmpty() ? List.of() : series.getFirst().buckets();
        for (MetricSeries s : series) {
            if (lines.size() == MAX_LINES) {
                break;
            }
            lines.add(new TimeSeries("s" + lines.size() + ":" + seriesName(metricName, s.group()), seriesName(metricName, s.group()),
                    s.buckets(), s.values()));
        }
        boolean hasData = lines.stream().anyMatch(TimeSeries::hasData);
        return new PanelData(lines, metricUnit(otlpUnit, aggregation), buckets, hasData);
    }

    /** The line's name: the group's values, or the metric's name when it is not grouped. */
    static String seriesName(String metric, Map<String, String> group) {
        if (group == null || group.isEmpty()) {
            return metric;
        }
        return group.values().stream().map(v -> v == null || v.isEmpty() ? "(none)" : v).collect(Collectors.joining(" · "));
    }

    /** The chart wrapper's unit for a metric: bytes, ms, %, a per-second rate, or the unit's text. */
    static String metricUnit(String otlpUnit, MetricAggregation aggregation) {
        if (aggregation == MetricAggregation.COUNT) {
            return "";
        }
        String unit = otlpUnit == null ? "" : otlpUnit.strip();
        if (unit.startsWith("{") && unit.endsWith("}") && unit.length() > 2) {
            unit = unit.substring(1, unit.length() - 1);
        }
        if (aggregation == MetricAggregation.RATE) {
            return unit.isEmpty() ? "/s" : unit + "/s";
        }
        return switch (unit) {
            case "By" -> "bytes";
            case "1" -> "";
            default -> unit;
        };
    }

    private static TimeSeries line(String id, String name, List<RedPoint> points, List<Instant> buckets,
                                   ToDoubleFunction<RedPoint> value) {
        return new TimeSeries(id, name, buckets, points.stream().mapToDouble(value).toArray());
    }

    private static String number(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", value / 1e9);
        }
        if (abs >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (abs >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, abs >= 1 ? "%.2f" : "%.3f", value);
    }

    private static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        double v = value;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, units[i]);
    }
}
