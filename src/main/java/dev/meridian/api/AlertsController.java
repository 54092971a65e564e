package dev.meridian.api;

import dev.meridian.alerts.AlertEvaluator;
import dev.meridian.alerts.AlertEvent;
import dev.meridian.alerts.AlertRule;
import dev.meridian.alerts.AlertRuleJson;
import dev.meridian.alerts.AlertRuleStore;
import dev.meridian.alerts.AlertStateStore;
import dev.meridian.alerts.AlertStatus;
import dev.meridian.alerts.Evidence;
import dev.meridian.alerts.RulePreview;
import dev.meridian.telemetry.TimeRange;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Alert rules (CRUD, import and export as JSON) and where they stand: {@code /api/v1/alerts}. Rule bodies are
 * {@link AlertRuleJson}; an invalid rule answers 400 with {@code {error, problems: [...]}} naming every problem.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertRuleStore rules;
    private final AlertStateStore states;
    private final AlertEvaluator evaluator;
    private final RulePreview preview;
    private final Clock clock;

    AlertsController(AlertRuleStore rules, AlertStateStore states, AlertEvaluator evaluator, RulePreview preview, Clock clock) {
        this.rules = rules;
        this.states = states;
        this.evaluator = evaluator;
        this.preview = preview;
        this.clock = clock;
    }

    /** {@code GET /api/v1/alerts}: every rule's groups, firing first, with value and evidence. */
    @GetMapping
    List<AlertStatus> alerts() {
        return states.statuses();
    }

    /** {@code GET /api/v1/alerts/history?ruleId=&from=&to=}: changes of state, newest first (default: the last 24 h). */
    @GetMapping("/history")
    List<HistoryJson> history(@RequestParam(required = false) String ruleId, @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to) {
        TimeRange range = from == null && to == null
                ? TimeRange.of(clock.instant().minus(Duration.ofDays(1)), clock.instant().plusSeconds(1))
                : ApiParameters.range(from, to, clock);
        return states.history(ruleId, range.start(), range.end()).stream()
                .map(e -> HistoryJson.of(e, states.deliveries(e.id()))).toList();
    }

    /** A change of state with what was delivered to whom. */
    record HistoryJson(long id, String ruleId, String ruleName, String group, String state, String at, Double value,
                       Map<String, String> window, Evidence evidence, List<Map<String, Object>> deliveries) {
        static HistoryJson of(AlertEvent e, List<Map<String, Object>> deliveries) {
            return new HistoryJson(e.id(), e.ruleId(), e.ruleName(), e.group(), e.state().jsonName(), e.at().toString(),
                    e.value(), Map.of("from", e.windowFrom().toString(), "to", e.windowTo().toString()), e.evidence(), deliveries);
        }
    }

    @GetMapping("/rules")
    ResponseEntity<String> list() {
        return array(HttpStatus.OK, rules.list());
    }

    @GetMapping("/rules/{id}")
    ResponseEntity<String> get(@PathVariable String id) {
        return json(HttpStatus.OK, rules.find(id).orElseThrow(() -> notFound(id)));
    }

    /** {@code POST /api/v1/alerts/rules}: 201 with the stored rule and its {@code id}. */
    @PostMapping(value = "/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> create(@RequestBody(required = false) String body) {
        AlertRule created = rules.create(AlertRuleJson.read(body));
        return ResponseEntity.created(URI.create("/api/v1/alerts/rules/" + created.id()))
                .contentType(MediaType.APPLICATION_JSON).body(AlertRuleJson.write(created));
    }

    @PutMapping(value = "/rules/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> replace(@PathVariable String id, @RequestBody(required = false) String body) {
        return json(HttpStatus.OK, rules.update(id, AlertRuleJson.read(body)).orElseThrow(() -> notFound(id)));
    }

    @DeleteMapping("/rules/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!rules.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** {@code GET /api/v1/alerts/rules/export}: every rule as a JSON array, ready for import. */
    @GetMapping("/rules/export")
    ResponseEntity<String> export() {
        return array(HttpStatus.OK, rules.list());
    }

    /** {@code POST /api/v1/alerts/rules/import}: a JSON array of rules, each stored as a new rule; all or none when one is invalid. */
    @PostMapping(value = "/rules/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> importRules(@RequestBody(required = false) String body) {
        List<AlertRule> created = new ArrayList<>();
        for (AlertRule rule : AlertRuleJson.readAll(body)) {
            created.add(rules.create(rule));
        }
        return array(HttpStatus.CREATED, created);
    }

    /**
     * {@code POST /api/v1/alerts/backtest} with a rule (not stored): its series over the last 24 h, one bucket per
     * window, with the threshold or band and where it would have fired:
     * {@code [{group, points: [{time, value, low, high, breached}], firings: [time]}]}.
     */
    @PostMapping(value = "/backtest", consumes = MediaType.APPLICATION_JSON_VALUE)
    List<BacktestJson> backtest(@RequestBody(required = false) String body) {
        return preview.preview(AlertRuleJson.read(body)).entrySet().stream()
                .map(e -> new BacktestJson(e.getKey(), e.getValue().points().stream().map(PointJson::of).toList(),
                        e.getValue().firings().stream().map(java.time.Instant::toString).toList())).toList();
    }

    /** One group's backtest. */
    record BacktestJson(String group, List<PointJson> points, List<String> firings) {
    }

    /** A bucket of a backtest; {@code low} / {@code high} null where the condition has no such line. */
    record PointJson(String time, double value, Double low, Double high, boolean breached) {
        static PointJson of(dev.meridian.alerts.Backtest.Point p) {
            return new PointJson(p.time().toString(), p.value(), Double.isNaN(p.low()) ? null : p.low(),
                    Double.isNaN(p.high()) ? null : p.high(), p.breached());
        }
    }

    /** {@code POST /api/v1/alerts/evaluate}: evaluates every rule now (instead of waiting for the interval). */
    @PostMapping("/evaluate")
    Map<String, Integer> evaluate() {
        return Map.of("changes", evaluator.evaluateAll());
    }

    private static ResponseEntity<String> json(HttpStatus status, AlertRule rule) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(AlertRuleJson.write(rule));
    }

    private static ResponseEntity<String> array(HttpStatus status, List<AlertRule> list) {
        ArrayNode array = JSON.createArrayNode();
        list.forEach(rule -> array.add(AlertRuleJson.toTree(rule)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(array));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no alert rule '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'");
    }
}
