package dev.meridian.api;

import dev.meridian.query.ServiceMap;
import dev.meridian.query.ServiceMapQueries;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/service-map?from=&to=}: services as nodes and the calls between them as edges, from
 * rollups kept at ingest. Times as for every {@code /api/v1} endpoint ({@link ApiParameters}); the default
 * window is the last hour. {@code p95Ms} is milliseconds (an edge's: the caller's client span duration), null
 * when nothing was measured.
 */
@RestController
class ServiceMapController {

    private final ServiceMapQueries serviceMap;
    private final Clock clock;

    ServiceMapController(ServiceMapQueries serviceMap, Clock clock) {
        this.serviceMap = serviceMap;
        this.clock = clock;
    }

    record NodeJson(String name, long requestCount, long errorCount, Double p95Ms) {
    }

    record EdgeJson(String source, String target, long requestCount, long errorCount, Double p95Ms) {
    }

    record MapJson(List<NodeJson> nodes, List<EdgeJson> edges) {
    }

    @GetMapping("/api/v1/service-map")
    MapJson serviceMap(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ServiceMap map = serviceMap.serviceMap(ApiParameters.range(from, to, clock));
        return new MapJson(
                map.nodes().stream().map(n -> new NodeJson(n.name(), n.requestCount(), n.errorCount(),
                        ApiParameters.finite(n.p95Ms()))).toList(),
                map.edges().stream().map(e -> new EdgeJson(e.source(), e.target(), e.requestCount(), e.errorCount(),
                        ApiParameters.finite(e.p95Ms()))).toList());
    }
}
