package dev.meridian.ui.metrics;

import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOption;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The explorer's line chart: values scaled into a readable unit (bytes as MiB, ratios as %, small
 * seconds as ms), the unit named on the y axis; the legend is the table under the chart. Pure, unit-tested.
 */
final class MetricChart {

    private MetricChart() {
    }

    /** Divide values by {@code divisor} to show them in {@code unit}. */
    record Scale(double divisor, String unit) {

        /** The value in this scale with its unit, e.g. {@code 174.5 MiB}; "–" for NaN. */
        String format(double value) {
            if (Double.isNaN(value)) {
                return "–";
            }
            String number = MetricText.number(value / divisor);
            return unit.isEmpty() ? number : unit.equals("%") ? number + " %" : number + " " + unit;
        }

        static Scale of(String chartUnit, double maxAbs) {
            double max = Double.isNaN(maxAbs) ? 0 : Math.abs(maxAbs);
            return switch (chartUnit) {
                case "bytes" -> {
                    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
                    int i = 0;
                    double divisor = 1;
                    while (max / divisor >= 1024 && i < units.length - 1) {
                        divisor *= 1024;
                        i++;
                    }
                    yield new Scale(divisor, units[i]);
                }
                // unit "1" is a ratio by convention; values far above 1 are counts that say so poorly
                case "percent" -> max <= 1.5 ? new Scale(0.01, "%") : new Scale(1, "");
                case "s" -> max > 0 && max < 1 ? new Scale(0.001, "ms") : new Scale(1, "s");
                default -> new Scale(1, chartUnit);
            };
        }
    }

    static double maxAbs(List<TimeSeries> lines) {
        double max = Double.NaN;
        for (TimeSeries line : lines) {
            for (double value : line.values()) {
                if (!Double.isNaN(value)) {
                    max = Double.isNaN(max) ? Math.abs(value) : Math.max(max, Math.abs(value));
                }
            }
        }
        return max;
    }

    static ChartOption option(List<TimeSeries> lines, TimeRange range, String chartUnit) {
        Scale scale = Scale.of(chartUnit, maxAbs(lines));
        List<TimeSeries> scaled = new ArrayList<>(lines.size());
        for (TimeSeries line : lines) {
            double[] values = new double[line.values().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = line.values()[i] / scale.divisor();
            }
            scaled.add(new TimeSeries(line.id(), line.name(), line.buckets(), values));
        }
        ChartOption base = ChartOptions.lines(scaled, range, scale.unit(), true);
        String axisName = scale.unit().isEmpty() ? null : scale.unit();
        return new ChartOption(new ChartOption.Grid(64, 24, 32, 28, null), base.tooltip(),
                new ChartOption.Legend(false, null, null, null), base.xAxis(),
                ChartOption.Axis.value(axisName), base.series(), base.brush(), base.toolbox(), base.animation(), base.color(), base.meridian());
    }
}
