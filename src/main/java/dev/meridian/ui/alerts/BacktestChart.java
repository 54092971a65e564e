package dev.meridian.ui.alerts;

import dev.meridian.alerts.Backtest;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOption;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule editor's preview chart: the value, the threshold or the band's edges, and the buckets where the
 * condition held, as lines over the backtest's 24 hours. Pure, unit tested.
 */
final class BacktestChart {

    private BacktestChart() {
    }

    static ChartOption option(Backtest backtest, TimeRange range) {
        List<Backtest.Point> points = backtest.points();
        List<Instant> buckets = points.stream().map(Backtest.Point::time).toList();
        double[] value = new double[points.size()];
        double[] low = new double[points.size()];
        double[] high = new double[points.size()];
        double[] breached = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            Backtest.Point p = points.get(i);
            value[i] = p.value();
            low[i] = p.low();
            high[i] = p.high();
            breached[i] = p.breached() ? p.value() : Double.NaN;
        }
        List<TimeSeries> lines = new ArrayList<>();
        lines.add(new TimeSeries("value", "value", buckets, value));
        if (hasData(high)) {
            lines.add(new TimeSeries("high", "upper limit", buckets, high));
        }
        if (hasData(low)) {
            lines.add(new TimeSeries("low", "lower limit", buckets, low));
        }
        lines.add(new TimeSeries("breached", "condition held", buckets, breached));
        return ChartOptions.lines(lines, range, null, false);
    }

    /** How the preview reads under the chart. */
    static String summary(Backtest backtest) {
        int firings = backtest.firings().size();
        long held = backtest.points().stream().filter(Backtest.Point::breached).count();
        if (backtest.points().isEmpty()) {
            return "No data in the last 24 hours: the query matches nothing yet.";
        }
        return "In the last 24 hours the condition held in " + held + " of " + backtest.points().size()
                + " windows; the rule would have fired " + (firings == 1 ? "once" : firings + " times") + ".";
    }

    private static boolean hasData(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}
