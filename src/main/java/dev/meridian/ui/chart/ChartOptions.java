package dev.meridian.ui.chart;

import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOption.AreaStyle;
import dev.meridian.ui.chart.ChartOption.Axis;
import dev.meridian.ui.chart.ChartOption.Brush;
import dev.meridian.ui.chart.ChartOption.Grid;
import dev.meridian.ui.chart.ChartOption.Item;
import dev.meridian.ui.chart.ChartOption.ItemStyle;
import dev.meridian.ui.chart.ChartOption.Legend;
import dev.meridian.ui.chart.ChartOption.LineStyle;
import dev.meridian.ui.chart.ChartOption.Meta;
import dev.meridian.ui.chart.ChartOption.Series;
import dev.meridian.ui.chart.ChartOption.Tooltip;
import java.util.ArrayList;
import java.util.List;

/** Builds the options of Meridian's chart kinds; pure functions, unit-tested. */
public final class ChartOptions {

    /** Colours for series, in order; telemetry never chooses a colour. */
    public static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    public static final String ERROR_COLOR = "#d62728";

    private ChartOptions() {
    }

    /** Lines over a time axis that spans the whole range; brushable charts report x ranges. */
    public static ChartOption lines(List<TimeSeries> series, TimeRange range, String unit, boolean brushable) {
        List<Series> out = new ArrayList<>();
        for (TimeSeries line : series) {
            out.add(new Series(line.id(), line.name(), "line", pairs(line), hasIsolatedPoints(line), 4, null, null,
                    new LineStyle(1.5, null, null), null, false, null, "lttb", null, null));
        }
        return new ChartOption(new Grid(56, 16, 28, 28, null), Tooltip.axis(),
                new Legend(series.size() > 1, "scroll", 0, 8),
                Axis.time(range.start().toEpochMilli(), range.end().toEpochMilli()), Axis.value(null), out,
                brushable ? Brush.xRange() : null, ChartOption.Toolbox.HIDDEN, false, PALETTE, new Meta(unit, brushable));
    }

    /** Stacked areas, e.g. requests per HTTP status class; colours given per series. */
    public static ChartOption stackedAreas(List<TimeSeries> series, List<String> colors, TimeRange range, String unit,
                                           boolean brushable) {
        List<Series> out = new ArrayList<>();
        for (TimeSeries line : series) {
            out.add(new Series(line.id(), line.name(), "line", pairs(line), false, null, "total",
                    new AreaStyle(0.35, null), new LineStyle(1.0, null, null), null, false, null, null, null, null));
        }
        return new ChartOption(new Grid(56, 16, 28, 28, null), Tooltip.axis(), new Legend(true, "scroll", 0, 8),
                Axis.time(range.start().toEpochMilli(), range.end().toEpochMilli()), Axis.value(null), out,
                brushable ? Brush.xRange() : null, ChartOption.Toolbox.HIDDEN, false, colors, new Meta(unit, brushable));
    }

    /** A time span to shade behind a chart's lines, e.g. while an alert rule was firing. */
    public record Shaded(String label, java.time.Instant start, java.time.Instant end) {
    }

    /**
     * The option with {@code spans} shaded (in the error colour) behind its first series. With none, the shading is
     * set empty: charts merge updates, so a span that ended must be cleared, not left out.
     */
    public static ChartOption withShaded(ChartOption option, List<Shaded> spans) {
        if (option.series().isEmpty()) {
            return option;
        }
        List<List<ChartOption.MarkEdge>> edges = spans.stream().map(s -> List.of(
                new ChartOption.MarkEdge(s.label(), s.start().toEpochMilli()),
                new ChartOption.MarkEdge(null, s.end().toEpochMilli()))).toList();
        List<Series> series = new ArrayList<>(option.series());
        series.set(0, series.getFirst().withMarkArea(new ChartOption.MarkArea(true, new ItemStyle(ERROR_COLOR, 0.10), edges)));
        return new ChartOption(option.grid(), option.tooltip(), option.legend(), option.xAxis(), option.yAxis(), series,
                option.brush(), option.toolbox(), option.animation(), option.color(), option.meridian());
    }

    /** A tiny line without axes or legend, for tables. */
    public static ChartOption sparkline(TimeSeries line, String color) {
        Series series = new Series(line.id(), line.name(), "line", pairs(line), hasIsolatedPoints(line), 3, null,
                new AreaStyle(0.15, color), new LineStyle(1.2, null, color), null, false, true, null, null, null);
        return new ChartOption(new Grid(2, 2, 2, 2, null), null, new Legend(false, null, null, null),
                Axis.hidden("time"), Axis.hidden("value"), List.of(series), null, null, false, List.of(color), null);
    }

    /** A dot per item at {@code [epochMillis, value]}; items carry ids so a click can open them. */
    public static ChartOption scatter(List<ScatterGroup> groups, TimeRange range, String unit, boolean brushable) {
        List<Series> out = new ArrayList<>();
        for (ScatterGroup group : groups) {
            out.add(new Series(group.id(), group.name(), "scatter", group.items(), null, 8, null, null, null,
                    new ItemStyle(group.color(), 0.75), null, null, null, 2000, null));
        }
        return new ChartOption(new Grid(56, 16, 28, 28, null), Tooltip.item(), new Legend(groups.size() > 1, null, 0, "right"),
                Axis.time(range.start().toEpochMilli(), range.end().toEpochMilli()), Axis.value(null), out,
                brushable ? Brush.xRange() : null, ChartOption.Toolbox.HIDDEN, false, null, new Meta(unit, brushable));
    }

    /** One scatter series: a name, a colour and its dots. */
    public record ScatterGroup(String id, String name, String color, List<Item> items) {
    }

    /** A point with no neighbour would be invisible as a line without symbols, e.g. a metric reported once. */
    static boolean hasIsolatedPoints(TimeSeries line) {
        double[] values = line.values();
        for (int i = 0; i < values.length; i++) {
            boolean present = !Double.isNaN(values[i]);
            boolean before = i > 0 && !Double.isNaN(values[i - 1]);
            boolean after = i + 1 < values.length && !Double.isNaN(values[i + 1]);
            if (present && !before && !after) {
                return true;
            }
        }
        return false;
    }

    static List<Object[]> pairs(TimeSeries line) {
        List<Object[]> data = new ArrayList<>(line.values().length);
        for (int i = 0; i < line.values().length; i++) {
            double value = line.values()[i];
            data.add(new Object[] {line.buckets().get(i).toEpochMilli(), Double.isNaN(value) ? null : round(value)});
        }
        return data;
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
