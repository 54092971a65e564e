package dev.meridian.alerts;

import dev.meridian.dashboards.DashboardJson;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rule JSON of the API and of import/export (rules as code):
 * <pre>{@code
 * {"name": "checkout errors", "query": {"type": "red", "service": "checkout", "figure": "error_rate"},
 *  "condition": {"type": "threshold", "op": "above", "value": 0.05}, "window": "5m", "for": "1m",
 *  "notify": [{"type": "webhook", "url": "https://hooks.example/alerts"}, {"type": "email", "to": "oncall@example.com"}]}
 * }</pre>
 * The query is a dashboard panel query ({@link DashboardJson#readQuery}); an {@code error_rate} value is a
 * fraction (0.05 = 5 %), latencies are milliseconds, throughput requests per minute. Reading reports every
 * problem at once.
 */
public final class AlertRuleJson {

    static final int MAX_CHARS = 100_000;
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|h|d)");

    private AlertRuleJson() {
    }

    public static String write(AlertRule rule) {
        return MAPPER.writeValueAsString(toTree(rule));
    }

    public static ObjectNode toTree(AlertRule rule) {
        ObjectNode root = MAPPER.createObjectNode();
        if (rule.id() != null) {
            root.put("id", rule.id());
        }
        root.put("name", rule.name());
        DashboardJson.writeQuery(root.putObject("query"), rule.query());
        ObjectNode condition = root.putObject("condition");
        switch (rule.condition()) {
            case Condition.Threshold t -> {
                condition.put("type", "threshold");
                condition.put("op", t.op().name().toLowerCase(Locale.ROOT));
                condition.put("value", t.value());
            }
            case Condition.Anomaly a -> {
                condition.put("type", "anomaly");
                condition.put("sensitivity", a.sensitivity().name().toLowerCase(Locale.ROOT));
            }
            case Condition.NoData n -> condition.put("type", "nodata");
        }
        root.put("window", format(rule.window()));
        root.put("for", format(rule.forDuration()));
        ArrayNode notify = root.putArray("notify");
        for (Notification n : rule.targets()) {
            ObjectNode target = notify.addObject();
            switch (n) {
                case Notification.Webhook w -> {
                    target.put("type", "webhook");
                    target.put("url", w.url().toString());
                }
                case Notification.Email e -> {
                    target.put("type", "email");
                    target.put("to", e.to());
                }
            }
        }
        root.put("version", rule.version());
        return root;
    }

    /** One rule. @throws InvalidAlertRuleException naming every problem */
    public static AlertRule read(String json) {
        return read(parse(json), "");
    }

    /** A JSON array of rules (an export). @throws InvalidAlertRuleException naming every problem of every rule */
    public static List<AlertRule> readAll(String json) {
        JsonNode root = parse(json);
        if (!root.isArray()) {
            throw new InvalidAlertRuleException(List.of("an export of rules is a JSON array"));
        }
        List<AlertRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                rules.add(read(root.get(i), "[" + i + "]."));
            } catch (InvalidAlertRuleException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidAlertRuleException(problems);
        }
        return rules;
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidAlertRuleException(List.of("the rule JSON is empty"));
        }
        if (json.length() > MAX_CHARS) {
            throw new InvalidAlertRuleException(List.of("the rule JSON is larger than " + MAX_CHARS + " characters"));
        }
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidAlertRuleException(List.of("malformed JSON: " + e.getOriginalMessage()));
        }
    }

    private static AlertRule read(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw new InvalidAlertRuleException(List.of(where + "a rule is a JSON object with name, query and condition"));
        }
        List<String> problems = new ArrayList<>();
        String name = text(root, "name", where, problems);
        if (name == null || name.isBlank()) {
            problems.add(where + "name is required");
        } else if (name.length() > 200) {
            problems.add(where + "name is longer than 200 characters");
        }
        PanelQuery query = DashboardJson.readQuery(root.get("query"), where + "query", problems);
        checkQuery(query, where + "query.", problems);
        Condition condition = condition(root.get("condition"), where + "condition", problems);
        Duration window = duration(root, "window", Duration.ofMinutes(5), where, problems);
        Duration forDuration = duration(root, "for", Duration.ZERO, where, problems);
        if (window != null && (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(MAX_WINDOW) > 0)) {
            problems.add(where + "window must be between 1m and " + format(MAX_WINDOW));
        }
        if (forDuration != null && forDuration.compareTo(MAX_WINDOW) > 0) {
            problems.add(where + "for must be at most " + format(MAX_WINDOW));
        }
        List<Notification> notify = notifications(root.get("notify"), where + "notify", problems);
        if (!problems.isEmpty()) {
            throw new InvalidAlertRuleException(problems);
        }
        String id = text(root, "id", where, new ArrayList<>());
        JsonNode version = root.get("version");
        return new AlertRule(id, name.strip(), query, condition, window, forDuration, notify,
                version != null && version.isIntegralNumber() ? version.asLong() : 0);
    }

    private static void checkQuery(PanelQuery query, String where, List<String> problems) {
        switch (query) {
            case null -> { }
            case PanelQuery.Red red -> {
                if (red.service() == null) {
                    problems.add(where + "service is required for a red query");
                }
                if (red.figure() == null) {
                    problems.add(where + "figure is required: throughput, error_rate, p50, p95 or p99");
                } else if (red.figure() == RedFigure.LATENCY_ALL) {
                    problems.add(where + "figure latency_all draws three lines; a rule watches one: p50, p95 or p99");
                } else if (red.figure() == RedFigure.STATUS_CLASSES) {
                    problems.add(where + "figure status_classes draws three lines; a rule watches one: error_rate");
                }
            }
            case PanelQuery.Metric metric -> {
                if (metric.name() == null) {
                    problems.add(where + "name is required for a metric query");
                }
                if (metric.aggregation() == null) {
                    problems.add(where + "aggregation is required for a metric query");
                }
            }
        }
    }

    private static Condition condition(JsonNode node, String where, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(where + " is required: {\"type\": \"threshold\" | \"anomaly\" | \"nodata\", …}");
            return null;
        }
        String type = text(node, "type", where + ".", problems);
        switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
            case "threshold" -> {
                String op = text(node, "op", where + ".", problems);
                Condition.Op parsedOp = null;
                if ("above".equalsIgnoreCase(op)) {
                    parsedOp = Condition.Op.ABOVE;
                } else if ("below".equalsIgnoreCase(op)) {
                    parsedOp = Condition.Op.BELOW;
                } else {
                    problems.add(where + ".op must be above or below");
                }
                JsonNode value = node.get("value");
                if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
                    problems.add(where + ".value must be a number");
                    return null;
                }
                return parsedOp == null ? null : new Condition.Threshold(parsedOp, value.asDouble());
            }
            case "anomaly" -> {
                String sensitivity = text(node, "sensitivity", where + ".", problems);
                for (Condition.Sensitivity s : Condition.Sensitivity.values()) {
                    if (s.name().equalsIgnoreCase(sensitivity == null ? "medium" : sensitivity)) {
                        return new Condition.Anomaly(s);
                    }
                }
                problems.add(where + ".sensitivity must be low, medium or high");
                return null;
            }
            case "nodata" -> {
                return new Condition.NoData();
            }
            default -> {
                problems.add(where + ".type must be threshold, anomaly or nodata");
                return null;
            }
        }
    }

    private static List<Notification> notifications(JsonNode node, String where, List<String> problems) {
        List<Notification> notify = new ArrayList<>();
        if (node == null || node.isNull()) {
            return notify;
        }
        if (!node.isArray()) {
            problems.add(where + " must be an array");
            return notify;
        }
        if (node.size() > 20) {
            problems.add(where + " has more than 20 targets");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode target = node.get(i);
            String at = where + "[" + i + "]";
            String type = target.isObject() ? text(target, "type", at + ".", problems) : null;
            if ("webhook".equalsIgnoreCase(type)) {
                String url = text(target, "url", at + ".", problems);
                try {
                    URI uri = url == null ? null : new URI(url);
                    if (uri == null || uri.getHost() == null
                            || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                        problems.add(at + ".url must be an http or https URL");
                    } else {
                        notify.add(new Notification.Webhook(uri));
                    }
                } catch (URISyntaxException e) {
                    problems.add(at + ".url is not a URL: " + e.getReason());
                }
            } else if ("email".equalsIgnoreCase(type)) {
                String to = text(target, "to", at + ".", problems);
                if (to == null || !to.matches("[^@\\s,;<>]{1,64}@[^@\\s,;<>]{1,255}")) {
                    problems.add(at + ".to must be one e-mail address");
                } else {
                    notify.add(new Notification.Email(to));
                }
            } else {
                problems.add(at + ".type must be webhook or email");
            }
        }
        return notify;
    }

    private static Duration duration(JsonNode root, String field, Duration absent, String where, List<String> problems) {
        String text = text(root, field, where, problems);
        if (text == null) {
            return absent;
        }
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            problems.add(where + field + " must be a duration such as 30s, 5m, 1h or 1d");
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    private static String text(JsonNode node, String field, String where, List<String> problems) {
        return DashboardJson.text(node, field, where, problems);
    }
}
