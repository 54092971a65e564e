package dev.meridian.api;

import dev.meridian.dashboards.BuiltInDashboards;
import dev.meridian.dashboards.Dashboard;
import dev.meridian.dashboards.DashboardJson;
import dev.meridian.dashboards.DashboardStore;
import dev.meridian.dashboards.DashboardSummary;
import dev.meridian.dashboards.StaleDashboardException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dashboards in their JSON export format ({@link DashboardJson}): list, export, import, replace, delete.
 * Bodies are {@code application/json} (or {@code text/plain}); other content types answer 415.
 * Malformed or invalid definitions answer 400 with {@code {"error"}} naming every problem (the
 * {@code InvalidDashboardException} is an {@code IllegalArgumentException}, see {@link ApiErrors}).
 */
@RestController
@RequestMapping("/api/v1/dashboards")
class DashboardsController {

    private final DashboardStore store;
    private final BuiltInDashboards builtIns;

    DashboardsController(DashboardStore store, BuiltInDashboards builtIns) {
        this.store = store;
        this.builtIns = builtIns;
    }

    record SummaryJson(String id, String title, int panelCount, String updatedAt) {
        static SummaryJson of(DashboardSummary summary) {
            return new SummaryJson(summary.id(), summary.title(), summary.panelCount(), summary.updatedAt().toString());
        }
    }

    /** {@code GET /api/v1/dashboards}: {@code [{id, title, panelCount, updatedAt}]} by title. */
    @GetMapping
    List<SummaryJson> list() {
        return store.list().stream().map(SummaryJson::of).toList();
    }

    /** {@code GET /api/v1/dashboards/{id}}: the dashboard in the export format; 404 when there is none. */
    @GetMapping("/{id}")
    ResponseEntity<String> export(@PathVariable String id) {
        return json(HttpStatus.OK, store.find(id).orElseThrow(() -> notFound(id)));
    }

    /** {@code POST /api/v1/dashboards}: imports the body as a new dashboard (fresh id); 201 with the stored dashboard. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(@RequestBody(required = false) String body) {
        Dashboard created = store.create(DashboardJson.read(body));
        return ResponseEntity.created(URI.create("/api/v1/dashboards/" + created.id()))
                .contentType(MediaType.APPLICATION_JSON).body(DashboardJson.write(created));
    }

    /**
     * {@code PUT /api/v1/dashboards/{id}}: replaces the dashboard with the body (its id is ignored). With a
     * {@code version} in the body, the save is refused with 409 when the stored version differs;
     * without one (or 0) it overwrites.
     */
    @PutMapping(value = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> replace(@PathVariable String id, @RequestBody(required = false) String body) {
        Dashboard given = DashboardJson.read(body);
        Dashboard updated = store.update(given.stored(id, given.version(), null)).orElseThrow(() -> notFound(id));
        return json(HttpStatus.OK, updated);
    }

    /** {@code DELETE /api/v1/dashboards/{id}}: 204; 404 when there is none. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!store.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code POST /api/v1/dashboards/{id}/restore} (with {@code Content-Type: application/json}, any or no body):
     * puts the shipped definition of a built-in dashboard (e.g. {@code service-health}) back under its id,
     * replacing edits or re-creating it after a delete; 200 with the restored dashboard, 404 when {@code id} is
     * not a built-in.
     */
    @PostMapping("/{id}/restore")
    ResponseEntity<String> restore(@PathVariable String id) {
        return json(HttpStatus.OK, builtIns.restore(id).orElseThrow(() -> new NotFoundException(
                "'" + ApiParameters.abbreviate(id) + "' is not a built-in dashboard; built-ins: "
                        + BuiltInDashboards.SERVICE_HEALTH)));
    }

    @ExceptionHandler(StaleDashboardException.class)
    ResponseEntity<Map<String, String>> conflict(StaleDashboardException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    private static ResponseEntity<String> json(HttpStatus status, Dashboard dashboard) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(DashboardJson.write(dashboard));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no dashboard with id '" + ApiParameters.abbreviate(id) + "'");
    }
}
