package dev.meridian.ui.metrics;

import dev.meridian.query.MetricAggregation;
import dev.meridian.query.TraceSearch;
import dev.meridian.ui.base.QueryString;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.traces.TraceSearchParameters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Units, series names, figures and drill-down links of the metrics explorer; pure functions, unit-tested. */
final class MetricText {

    private MetricText() {
    }

    /**
     * The unit of the charted values, in the chart wrapper's terms ({@code bytes}, {@code ms},
     * {@code percent}, or text shown after the number): UCUM's {@code By} is bytes, {@code 1} a ratio,
     * {@code {request}} reads "request"; a rate is per second and a count has no unit.
     */
    static String chartUnit(String otlpUnit, MetricAggregation aggregation) {
        if (aggregation == MetricAggregation.COUNT) {
            return "";
        }
        String unit = readable(otlpUnit);
        if (aggregation == MetricAggregation.RATE) {
            return unit.isEmpty() ? "/s" : unit + "/s";
        }
        return switch (unit) {
            case "By" -> "bytes";
            case "1" -> "percent";
            default -> unit;
        };
    }

    /** {@code {request}} → {@code request}; {@code By} stays (the chart formats it); null → "". */
    static String readable(String otlpUnit) {
        if (otlpUnit == null) {
            return "";
        }
        String unit = otlpUnit.trim();
        if (unit.startsWith("{") && unit.endsWith("}") && unit.length() > 2) {
            return unit.substring(1, unit.length() - 1);
        }
        return unit;
    }

    /** The unit as a person reads it: {@code By} is bytes, {@code 1} a ratio, {@code s} seconds, braces dropped. */
    static String readableUnit(String otlpUnit) {
        String unit = readable(otlpUnit);
        return switch (unit) {
            case "By" -> "bytes";
            case "1" -> "ratio";
            case "s" -> "seconds";
            case "ms" -> "milliseconds";
            default -> unit;
        };
    }

    /** The line's name: the group's values ({@code heap}, {@code /api/cart · 500}; the legend header names the keys), or the metric. */
    static String seriesName(String metric, Map<String, String> group) {
        if (group == null || group.isEmpty()) {
            return metric;
        }
        if (group.size() == 1) {
            String value = group.values().iterator().next();
            return value == null || value.isEmpty() ? "(none)" : value;
        }
        return group.values().stream().map(v -> v == null || v.isEmpty() ? "(none)" : v)
                .collect(Collectors.joining(" · "));
    }

    /** A figure for the legend table, in the chart's unit. */
    static String figure(double value, String chartUnit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return switch (chartUnit) {
            case "bytes" -> bytes(value);
            case "percent" -> number(value * 100) + " %";
            case "" -> number(value);
            default -> number(value) + " " + chartUnit;
        };
    }

    static String number(double value) {
        double abs = Math.abs(value);
        if (abs >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", value / 1_000_000);
        }
        if (abs >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", value / 1_000);
        }
        if (abs >= 1000 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double scaled = value;
        int i = 0;
        while (Math.abs(scaled) >= 1024 && i < units.length - 1) {
            scaled /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", scaled, units[i]);
    }

    /**
     * The trace search of a clicked bucket or brushed window: {@code traces?service=…&sort=duration&from=ms&to=ms}
     * (slowest first; without a service when the chart is not one service's).
     */
    static String tracesLink(String service, Instant from, Instant to) {
        Map<String, List<String>> parameters = new LinkedHashMap<>(
                TraceSearchParameters.forService(service, null, TraceSearch.Sort.DURATION).toParameters());
        TimeSelection.absolute(from, to).toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        return QueryString.link("traces", parameters);
    }

    /** min, avg, max and last of the values that are not NaN. */
    record Stats(double min, double avg, double max, double last) {
        static Stats of(double[] values) {
            double min = Double.NaN;
            double max = Double.NaN;
            double sum = 0;
            int count = 0;
            double last = Double.NaN;
            for (double value : values) {
                if (Double.isNaN(value)) {
                    continue;
                }
                min = Double.isNaN(min) ? value : Math.min(min, value);
                max = Double.isNaN(max) ? value : Math.max(max, value);
                sum += value;
                count++;
                last = value;
            }
            return new Stats(min, count == 0 ? Double.NaN : sum / count, max, last);
        }
    }
}
