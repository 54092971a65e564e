package dev.meridian.ui.chart;

import java.util.List;

/**
 * An ECharts option with one {@code graph} series (nodes and directed edges), as typed records; JSON names are
 * ECharts'. Node and edge names are drawn on the canvas (labels) or shown through {@code tip}, lines of text
 * that the client-side wrapper escapes: telemetry strings never become HTML.
 */
public record GraphOption(ChartOption.Tooltip tooltip, List<Series> series, Boolean animation, ChartOption.Meta meridian) {

    /**
     * The graph series. {@code layout} is {@code circular} or {@code force}; {@code edgeSymbol} marks edge ends
     * (e.g. {@code ["none", "arrow"]}); {@code links} refer to nodes by index.
     */
    public record Series(String id, String type, String layout, Boolean roam, Label label, List<String> edgeSymbol,
                         List<Integer> edgeSymbolSize, Circular circular, Force force, List<Node> data, List<Link> links,
                         Emphasis emphasis, ChartOption.LineStyle lineStyle) {
    }

    /** Keeps node labels upright around a circle. */
    public record Circular(Boolean rotateLabel) {
    }

    public record Force(Integer repulsion, Integer edgeLength) {
    }

    public record Label(Boolean show, String position, String color) {
    }

    public record Emphasis(String focus) {
    }

    /** A node: {@code id} comes back with a click; {@code tip} is its tooltip, one line per entry. */
    public record Node(String id, String name, double symbolSize, ChartOption.ItemStyle itemStyle, List<String> tip) {
    }

    /** An edge from node index {@code source} to {@code target}. */
    public record Link(String id, int source, int target, EdgeLine lineStyle, List<String> tip) {
    }

    public record EdgeLine(double width, String color, double curveness, double opacity) {
    }
}
