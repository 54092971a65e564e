package dev.meridian.query;

import java.util.List;

/**
 * The services of a window and the calls between them. Nodes are the services' RED figures (their requests:
 * SERVER/CONSUMER and root spans); an edge is the calls from {@code source} to {@code target}, paired at
 * ingest from a CLIENT/PRODUCER span and the SERVER/CONSUMER span it parents, with the client side's
 * duration. Percentiles are milliseconds, NaN when there was nothing to measure.
 */
public record ServiceMap(List<Node> nodes, List<Edge> edges) {

    public ServiceMap {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public record Node(String name, long requestCount, long errorCount, double p95Ms) {

        public double errorRate() {
            return requestCount == 0 ? 0 : (double) errorCount / requestCount;
        }
    }

    public record Edge(String source, String target, long requestCount, long errorCount, double p95Ms) {

        public double errorRate() {
            return requestCount == 0 ? 0 : (double) errorCount / requestCount;
        }
    }
}
