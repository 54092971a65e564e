package dev.meridian.ui.dashboards;

import dev.meridian.dashboards.ChartKind;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOption;
import dev.meridian.ui.chart.StatusClassSeries;
import dev.meridian.ui.chart.ChartOption.AreaStyle;
import dev.meridian.ui.chart.ChartOption.Series;
import dev.meridian.ui.chart.ChartOptions;
import java.util.ArrayList;
import java.util.List;

/** The chart option of a panel kind: lines, areas (stacked for metric groups, not for percentiles), bars. Pure. */
final class PanelCharts {

    private PanelCharts() {
    }

    static ChartOption option(ChartKind kind, PanelData data, TimeRange range, boolean stackAreas) {
        if (kind == ChartKind.STAT) {
            ChartOption spark = data.lines().isEmpty()
                    ? ChartOptions.sparkline(new dev.meridian.ui.chart.TimeSeries("none", "", List.of(), new double[0]),
                    ChartOptions.PALETTE.getFirst())
                    : ChartOptions.sparkline(data.lines().getFirst(), ChartOptions.PALETTE.getFirst());
            // the sparkline spans the whole window, like the other panels, even where there is no data
            ChartOption.Axis window = new ChartOption.Axis("time", null, false, range.start().toEpochMilli(),
                    range.end().toEpochMilli(), null, null, true);
            return new ChartOption(spark.grid(), spark.tooltip(), spark.legend(), window, spark.yAxis(), spark.series(),
                    spark.brush(), spark.toolbox(), spark.animation(), spark.color(), spark.meridian());
        }
        ChartOption plain = ChartOptions.lines(data.lines(), range, data.unit(), true);
        // narrow panels: let ECharts drop time labels that would overlap
        ChartOption.Axis x = plain.xAxis();
        ChartOption lines = new ChartOption(plain.grid(), plain.tooltip(), plain.legend(),
                new ChartOption.Axis(x.type(), x.name(), x.show(), x.min(), x.max(), new ChartOption.AxisLabel(null, true),
                        x.splitLine(), x.scale()), plain.yAxis(), plain.series(), plain.brush(), plain.toolbox(),
                plain.animation(), plain.color(), plain.meridian());
        if (kind == ChartKind.LINE) {
            return lines;
        }
        List<Series> series = new ArrayList<>();
        for (Series s : lines.series()) {
            if (kind == ChartKind.AREA) {
                series.add(new Series(s.id(), s.name(), "line", s.data(), s.showSymbol(), s.symbolSize(),
                        stackAreas ? "total" : null, new AreaStyle(stackAreas ? 0.35 : 0.18, null), s.lineStyle(),
                        s.itemStyle(), s.connectNulls(), s.silent(), s.sampling(), s.large(), null));
            } else {
                series.add(new Series(s.id(), s.name(), "bar", s.data(), null, null, null, null, null, null, null, null,
                        null, null, null));
            }
        }
        return new ChartOption(lines.grid(), lines.tooltip(), lines.legend(), lines.xAxis(), lines.yAxis(), series,
                lines.brush(), lines.toolbox(), lines.animation(), lines.color(), lines.meridian());
    }

    /** A status-class panel: its three classes in their colours, bars and areas stacked (they add up to all requests). */
    static ChartOption statusClasses(ChartOption option) {
        List<Series> series = option.series().stream().map(s -> "line".equals(s.type()) && s.areaStyle() == null ? s
                : new Series(s.id(), s.name(), s.type(), s.data(), s.showSymbol(), s.symbolSize(), "status", s.areaStyle(),
                s.lineStyle(), s.itemStyle(), s.connectNulls(), s.silent(), s.sampling(), s.large(), s.markArea())).toList();
        return new ChartOption(option.grid(), option.tooltip(), option.legend(), option.xAxis(), option.yAxis(), series,
                option.brush(), option.toolbox(), option.animation(), StatusClassSeries.COLORS, option.meridian());
    }
}
