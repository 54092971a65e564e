package dev.meridian.ui.chart;

import java.util.List;

/**
 * The subset of the ECharts option model Meridian uses, as typed records; JSON names are ECharts'.
 * {@code meridian} carries what the client-side wrapper needs (value unit for tooltips, brushing).
 */
public record ChartOption(Grid grid, Tooltip tooltip, Legend legend, Axis xAxis, Axis yAxis, List<Series> series,
                          Brush brush, Toolbox toolbox, Boolean animation, List<String> color, Meta meridian) {

    /** Hidden: brushing is always on, without buttons. */
    public record Toolbox(Boolean show) {
        public static final Toolbox HIDDEN = new Toolbox(false);
    }

    public record Meta(String unit, Boolean brushable) {
    }

    public record Grid(Object left, Object right, Object top, Object bottom, Boolean containLabel) {
    }

    public record Tooltip(String trigger, Boolean confine, AxisPointer axisPointer) {
        public static Tooltip axis() {
            return new Tooltip("axis", true, new AxisPointer("line"));
        }

        public static Tooltip item() {
            return new Tooltip("item", true, null);
        }
    }

    public record AxisPointer(String type) {
    }

    public record Legend(Boolean show, String type, Object top, Object left) {
    }

    public record Axis(String type, String name, Boolean show, Object min, Object max, AxisLabel axisLabel,
                       SplitLine splitLine, Boolean scale) {
        public static Axis time(Long min, Long max) {
            return new Axis("time", null, null, min, max, null, null, null);
        }

        public static Axis value(String name) {
            return new Axis("value", name, null, null, null, null, null, null);
        }

        public static Axis hidden(String type) {
            return new Axis(type, null, false, null, null, null, null, true);
        }
    }

    public record AxisLabel(String formatter, Boolean hideOverlap) {
    }

    public record SplitLine(Boolean show) {
    }

    public record Brush(List<String> toolbox, Object xAxisIndex, String brushType, String brushMode,
                        String throttleType) {
        public static Brush xRange() {
            return new Brush(List.of(), "all", "lineX", "single", "debounce");
        }
    }

    /**
     * One series. {@code data} is a list of {@code [epochMillis, value]} pairs (null value: no data)
     * or of {@link Item}s.
     */
    public record Series(String id, String name, String type, List<?> data, Boolean showSymbol, Object symbolSize,
                         String stack, AreaStyle areaStyle, LineStyle lineStyle, ItemStyle itemStyle,
                         Boolean connectNulls, Boolean silent, String sampling, Object large, MarkArea markArea) {

        /** This series with shaded time spans behind it. */
        public Series withMarkArea(MarkArea marks) {
            return new Series(id, name, type, data, showSymbol, symbolSize, stack, areaStyle, lineStyle, itemStyle,
                    connectNulls, silent, sampling, large, marks);
        }
    }

    /** Shaded x spans (e.g. when an alert fired): pairs of {@code {name, xAxis: epochMillis}}, {@code {xAxis}}. */
    public record MarkArea(Boolean silent, ItemStyle itemStyle, List<List<MarkEdge>> data) {
    }

    /** One edge of a shaded span; the first edge of a span carries its name (shown as its label). */
    public record MarkEdge(String name, long xAxis) {
    }

    /** A data item with its own id (for point clicks), a name shown in the tooltip, and an optional style. */
    public record Item(String id, String name, List<Object> value, ItemStyle itemStyle) {
    }

    public record AreaStyle(Double opacity, String color) {
    }

    public record LineStyle(Double width, String type, String color) {
    }

    public record ItemStyle(String color, Double opacity) {
    }
}
