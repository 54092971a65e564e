package dev.meridian.ui.map;

import dev.meridian.query.ServiceMap;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.chart.ChartOption;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.GraphOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service map as an ECharts graph: a node per service (size by request rate, colour by error rate), a
 * directed edge per caller and callee (width by call rate, colour by error rate), in a circular layout so that
 * the same map draws the same way on every refresh. Nodes and edges carry ids ({@code n<i>}, {@code e<i>}) that
 * clicks return, and their figures as tooltip lines (escaped by the chart wrapper). At most {@link #MAX_NODES}
 * services are drawn, the busiest (and the edges among them); the table below the chart lists every edge.
 */
final class ServiceMapChart {

    static final int MAX_NODES = 100;
    static final String OK_COLOR = "#2e8540";
    static final String WARN_COLOR = "#e69500";
    static final String EDGE_COLOR = "#8c8c8c";

    /** The drawn graph and which node / edge each id names. */
    record Drawn(GraphOption option, List<ServiceMap.Node> nodes, List<ServiceMap.Edge> edges) {

        ServiceMap.Node node(String id) {
            return byId(id, "n", nodes);
        }

        ServiceMap.Edge edge(String id) {
            return byId(id, "e", edges);
        }

        private static <T> T byId(String id, String prefix, List<T> items) {
            if (id == null || !id.startsWith(prefix)) {
                return null;
            }
            try {
                int index = Integer.parseInt(id.substring(prefix.length()));
                return index >= 0 && index < items.size() ? items.get(index) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private ServiceMapChart() {
    }

    /** The colour of an error rate: green below 1 %, amber below 5 %, red from there. */
    static String errorColor(double errorRate, String okColor) {
        if (errorRate >= 0.05) {
            return ChartOptions.ERROR_COLOR;
        }
        return errorRate >= 0.01 ? WARN_COLOR : okColor;
    }

    /**
     * The window the map's counts come from: the range widened to whole minutes (the rollups' resolution, see
     * {@link dev.meridian.query.ServiceMapQueries}); rates divide by it, not by the range's own length (a 1 h
     * range not on a minute boundary counts 61 minutes: its rates would read ~1.7 % high).
     */
    static Duration countedWindow(dev.meridian.telemetry.TimeRange range) {
        long minute = 60_000_000_000L;
        return Duration.ofMinutes(Math.max(1, -Math.floorDiv(-range.endNanos(), minute) - Math.floorDiv(range.startNanos(), minute)));
    }

    static Drawn draw(ServiceMap map, Duration window) {
        List<ServiceMap.Node> nodes = map.nodes().stream()
                .sorted(Comparator.comparingLong(ServiceMap.Node::requestCount).reversed()
                        .thenComparing(ServiceMap.Node::name))
                .limit(MAX_NODES)
                .sorted(Comparator.comparing(ServiceMap.Node::name))
                .toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i).name(), i);
        }
        List<ServiceMap.Edge> edges = map.edges().stream()
                .filter(e -> index.containsKey(e.source()) && index.containsKey(e.target()))
                .toList();
        double maxNodeRate = nodes.stream().mapToLong(ServiceMap.Node::requestCount).max().orElse(0);
        double maxEdgeRate = edges.stream().mapToLong(ServiceMap.Edge::requestCount).max().orElse(0);
        Set<String> pairs = new HashSet<>();
        edges.forEach(e -> pairs.add(e.source() + "\u0000" + e.target()));

        List<GraphOption.Node> graphNodes = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            ServiceMap.Node node = nodes.get(i);
            double share = maxNodeRate == 0 ? 0 : node.requestCount() / maxNodeRate;
            graphNodes.add(new GraphOption.Node("n" + i, node.name(), 24 + 32 * Math.sqrt(share),
                    new ChartOption.ItemStyle(errorColor(node.errorRate(), OK_COLOR), null),
                    List.of(node.name(),
                            "Requests: " + Formats.rate(Formats.perMinute(node.requestCount(), window)),
                            "Errors: " + Formats.percent(node.errorRate()),
                            "p95: " + Formats.millis(node.p95Ms()))));
        }
        List<GraphOption.Link> links = new ArrayList<>(edges.size());
        for (int i = 0; i < edges.size(); i++) {
            ServiceMap.Edge edge = edges.get(i);
            double share = maxEdgeRate == 0 ? 0 : edge.requestCount() / maxEdgeRate;
            // a pair with calls both ways gets two curves, one each side, instead of two lines on top of each other
            double curveness = pairs.contains(edge.target() + "\u0000" + edge.source()) ? 0.2 : 0;
            links.add(new GraphOption.Link("e" + i, index.get(edge.source()), index.get(edge.target()),
                    new GraphOption.EdgeLine(1 + 7 * Math.sqrt(share), errorColor(edge.errorRate(), EDGE_COLOR), curveness, 0.9),
                    List.of(edge.source() + " → " + edge.target(),
                            "Calls: " + Formats.rate(Formats.perMinute(edge.requestCount(), window)),
                            "Errors: " + Formats.percent(edge.errorRate()),
                            "p95: " + Formats.millis(edge.p95Ms()))));
        }
        GraphOption.Series series = new GraphOption.Series("map", "graph", "circular", false,
                new GraphOption.Label(true, "right", null), List.of("none", "arrow"), List.of(0, 12),
                new GraphOption.Circular(false), null, graphNodes, links, new GraphOption.Emphasis("adjacency"), null);
        return new Drawn(new GraphOption(ChartOption.Tooltip.item(), List.of(series), false, new ChartOption.Meta(null, false)),
                nodes, edges);
    }
}
