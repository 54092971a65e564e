package dev.meridian.dashboards;

import dev.meridian.query.MetricAggregation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard JSON format (import, export, storage), {@value #SCHEMA_VERSION}:
 * <pre>{@code
 * {"schemaVersion": 1, "id": "k3j9x2", "title": "Checkout", "description": "", "version": 3,
 *  "updatedAt": "2026-11-02T10:15:30Z",
 *  "variables": [{"name": "service", "type": "service"}, {"name": "operation", "type": "operation"},
 *                {"name": "env", "type": "attribute", "key": "deployment.environment.name"}],
 *  "panels": [
 *    {"id": "p1", "title": "p95 of POST /checkout", "kind": "line", "width": 2,
 *     "query": {"type": "red", "service": "shop", "operation": "POST /checkout", "figure": "p95"}},
 *    {"id": "p2", "title": "Heap", "kind": "area", "width": 2,
 *     "query": {"type": "metric", "name": "jvm.memory.used", "service": "shop", "aggregation": "avg",
 *               "filters": {"jvm.memory.type": "heap"}, "groupBy": ["jvm.memory.pool.name"]}}]}
 * }</pre>
 * Reading is strict about what it understands (query types, figures, aggregations, kinds: each
 * unknown value is an error naming the allowed ones) and ignores properties it does not know, so a
 * file exported by a newer minor version still imports. {@code id}, {@code version}, {@code updatedAt}
 * and panel ids are optional on import; so are {@code variables}, whose {@code $name} may be used in any string
 * field of a query ({@link Variables}). Every problem found is reported at once.
 */
public final class DashboardJson {

    public static final int SCHEMA_VERSION = 1;
    /** Imports larger than this are refused before parsing. */
    public static final int MAX_BYTES = 1_000_000;

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private DashboardJson() {
    }

    /** The export format of the dashboard, pretty-printed. */
    public static String write(Dashboard dashboard) {
        return MAPPER.writeValueAsString(toTree(dashboard));
    }

    static ObjectNode toTree(Dashboard dashboard) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        if (dashboard.id() != null) {
            root.put("id", dashboard.id());
        }
        root.put("title", dashboard.title());
        root.put("description", dashboard.description());
        root.put("version", dashboard.version());
        if (dashboard.updatedAt() != null) {
            root.put("updatedAt", dashboard.updatedAt().toString());
        }
        if (!dashboard.variables().isEmpty()) {
            ArrayNode variables = root.putArray("variables");
            for (DashboardVariable variable : dashboard.variables()) {
                ObjectNode v = variables.addObject();
                v.put("name", variable.name());
                v.put("type", variable.type() == null ? null : variable.type().jsonName());
                if (variable.key() != null) {
                    v.put("key", variable.key());
                }
            }
        }
        ArrayNode panels = root.putArray("panels");
        for (Panel panel : dashboard.panels()) {
            ObjectNode p = panels.addObject();
            if (panel.id() != null) {
                p.put("id", panel.id());
            }
            p.put("title", panel.title());
            p.put("kind", panel.kind().jsonName());
            p.put("width", panel.width());
            writeQuery(p.putObject("query"), panel.query());
        }
        return root;
    }

    /** The variables alone, as the JSON array of the export format (what the variables editor shows). */
    public static String writeVariables(List<DashboardVariable> variables) {
        ArrayNode array = (ArrayNode) toTree(new Dashboard(null, "x", "", variables, List.of(), 0, null))
                .get("variables");
        return array == null ? "[]" : MAPPER.writeValueAsString(array);
    }

    /**
     * Reads a JSON array of variables (the export format's {@code variables}); problems of the JSON itself
     * (malformed, unknown types) throw, the rest ({@link Dashboard#problems()}) is the caller's to check.
     */
    public static List<DashboardVariable> readVariables(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json == null || json.isBlank() ? "[]" : json);
        } catch (JacksonException e) {
            throw new InvalidDashboardException("malformed JSON: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        List<DashboardVariable> variables = variables(node, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDashboardException(problems);
        }
        return variables;
    }

    /** Writes a panel query in the export format (also the query of an alert rule). */
    public static void writeQuery(ObjectNode q, PanelQuery query) {
        switch (query) {
            case PanelQuery.Red red -> {
                q.put("type", "red");
                q.put("service", red.service());
                if (red.operation() != null) {
                    q.put("operation", red.operation());
                }
                q.put("figure", red.figure().jsonName());
            }
            case PanelQuery.Metric metric -> {
                q.put("type", "metric");
                q.put("name", metric.name());
                if (metric.service() != null) {
                    q.put("service", metric.service());
                }
                q.put("aggregation", metric.aggregation().name().toLowerCase(Locale.ROOT));
                ObjectNode filters = q.putObject("filters");
                new java.util.TreeMap<>(metric.filters()).forEach(filters::put);
                ArrayNode groupBy = q.putArray("groupBy");
                metric.groupBy().forEach(groupBy::add);
            }
        }
    }

    /**
     * Reads a dashboard in the export format and validates it.
     *
     * @throws InvalidDashboardException naming every problem: malformed JSON, a newer schema, unknown
     *                                   query types, figures, aggregations or kinds, missing titles…
     */
    public static Dashboard read(String json) {
        return read(json, true);
    }

    /**
     * Reads a definition the store wrote: it was validated when it was saved, so the dashboard-level rules
     * ({@link Dashboard#problems}) are not applied again. Re-checking on read would turn every tightened rule
     * into a stored dashboard that can no longer be opened, nor provisioned over at start. What the reader
     * cannot understand (malformed JSON, an unknown query type) still throws.
     */
    static Dashboard readStored(String json) {
        return read(json, false);
    }

    private static Dashboard read(String json, boolean validate) {
        if (json == null || json.isBlank()) {
            throw new InvalidDashboardException("the dashboard JSON is empty");
        }
        if (json.length() > MAX_BYTES) {
            throw new InvalidDashboardException("the dashboard JSON is larger than " + MAX_BYTES + " characters");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidDashboardException("malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDashboardException("a dashboard is a JSON object with a title and panels");
        }
        List<String> problems = new ArrayList<>();
        JsonNode schema = root.get("schemaVersion");
        if (schema == null || schema.isNull()) {
            problems.add("schemaVersion is required (this Meridian writes " + SCHEMA_VERSION + ")");
        } else if (!schema.isIntegralNumber() || schema.asInt() < 1) {
            problems.add("schemaVersion must be a positive whole number");
        } else if (schema.asInt() > SCHEMA_VERSION) {
            throw new InvalidDashboardException("schemaVersion " + schema.asInt()
                    + " is newer than this Meridian understands (" + SCHEMA_VERSION + ")");
        }
        String id = text(root, "id", "", problems);
        String title = text(root, "title", "", problems);
        String description = text(root, "description", "", problems);
        long version = 0;
        JsonNode v = root.get("version");
        if (v != null && !v.isNull()) {
            if (v.isIntegralNumber() && v.asLong() >= 0) {
                version = v.asLong();
            } else {
                problems.add("version must be a whole number >= 0");
            }
        }
        Instant updatedAt = null;
        String updated = text(root, "updatedAt", "", problems);
        if (updated != null) {
            try {
                updatedAt = Instant.parse(updated);
            } catch (DateTimeParseException e) {
                problems.add("updatedAt must be an ISO-8601 instant like 2026-11-02T10:15:30Z");
            }
        }
        List<Panel> panels = new ArrayList<>();
        JsonNode panelsNode = root.get("panels");
        if (panelsNode != null && !panelsNode.isNull()) {
            if (!panelsNode.isArray()) {
                problems.add("panels must be an array");
            } else if (panelsNode.size() > Dashboard.MAX_PANELS) {
                problems.add("a dashboard has at most " + Dashboard.MAX_PANELS + " panels, this one has " + panelsNode.size());
            } else {
                for (int i = 0; i < panelsNode.size(); i++) {
                    Panel panel = panel(panelsNode.get(i), "panels[" + i + "]", problems);
                    if (panel != null) {
                        panels.add(panel);
                    }
                }
            }
        }
        List<DashboardVariable> variables = variables(root.get("variables"), problems);
        Dashboard dashboard = new Dashboard(id, title, description, variables, panels, version, updatedAt);
        if (!problems.isEmpty()) {
            // also name the dashboard's own problems (a missing title, a $var no variable declares…); panel
            // indices would be off where unreadable panels were left out: then panel-level checks wait
            for (String problem : dashboard.problems()) {
                String field = problem.split(" ", 2)[0];
                boolean panelIndicesHold = panelsNode == null || panelsNode.isNull()
                        || panelsNode.isArray() && panels.size() == panelsNode.size();
                if ((panelIndicesHold || !field.startsWith("panels["))
                        && problems.stream().noneMatch(known -> known.startsWith(field + " "))) {
                    problems.add(problem);
                }
            }
            throw new InvalidDashboardException(problems);
        }
        return validate ? dashboard.validated() : dashboard;
    }

    /** The variables, in order; one with an unknown type is kept with a null type so later indices stay right. */
    private static List<DashboardVariable> variables(JsonNode node, List<String> problems) {
        List<DashboardVariable> variables = new ArrayList<>();
        if (node == null || node.isNull()) {
            return variables;
        }
        if (!node.isArray()) {
            problems.add("variables must be an array of {name, type, key}");
            return variables;
        }
        if (node.size() > DashboardVariable.MAX_VARIABLES) {
            problems.add("a dashboard has at most " + DashboardVariable.MAX_VARIABLES + " variables, this one has " + node.size());
            return variables;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            String where = "variables[" + i + "]";
            if (v == null || !v.isObject()) {
                problems.add(where + " must be an object with a name and a type");
                continue;
            }
            String name = text(v, "name", where + ".", problems);
            String named = where + " '" + abbreviate(name == null ? "" : name) + "': ";
            String key = text(v, "key", named, problems);
            String typeText = text(v, "type", named, problems);
            VariableType type = null;
            if (typeText != null) {
                type = Arrays.stream(VariableType.values()).filter(t -> t.jsonName().equalsIgnoreCase(typeText.strip()))
                        .findFirst().orElse(null);
                if (type == null) {
                    problems.add(named + "type '" + abbreviate(typeText) + "' is not one of service, operation, attribute");
                }
            }
            variables.add(new DashboardVariable(name, type, key));
        }
        return variables;
    }

    private static Panel panel(JsonNode node, String where, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(where + " must be an object");
            return null;
        }
        int before = problems.size();
        String id = text(node, "id", where + ".", problems);
        String title = text(node, "title", where + ".", problems);
        ChartKind kind = choice(node, "kind", where + ".", ChartKind.class, ChartKind.LINE, problems);
        int width = 2;
        JsonNode w = node.get("width");
        if (w != null && !w.isNull()) {
            if (w.isIntegralNumber() && w.canConvertToInt()) {
                width = w.asInt();
            } else {
                problems.add(where + ".width must be a whole number " + Panel.MIN_WIDTH + "-" + Panel.MAX_WIDTH);
            }
        }
        PanelQuery query = readQuery(node.get("query"), where + ".query", problems);
        if (problems.size() > before) {
            return null;
        }
        return new Panel(id, title, query, width, kind);
    }

    /**
     * Reads a panel query (also the query of an alert rule), adding what is wrong with it to {@code problems}
     * prefixed by {@code where}; null when it cannot be read at all.
     */
    public static PanelQuery readQuery(JsonNode node, String where, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add(where + " is required");
            return null;
        }
        if (!node.isObject()) {
            problems.add(where + " must be an object");
            return null;
        }
        String type = text(node, "type", where + ".", problems);
        if (type == null) {
            problems.add(where + ".type is required: red or metric");
            return null;
        }
        String prefix = where + ".";
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "red" -> {
                String service = text(node, "service", prefix, problems);
                String operation = text(node, "operation", prefix, problems);
                RedFigure figure = choice(node, "figure", prefix, RedFigure.class, null, problems);
                yield new PanelQuery.Red(service, operation, figure);
            }
            case "metric" -> {
                String name = text(node, "name", prefix, problems);
                String service = text(node, "service", prefix, problems);
                MetricAggregation aggregation = choice(node, "aggregation", prefix, MetricAggregation.class, null, problems);
                Map<String, String> filters = new LinkedHashMap<>();
                JsonNode f = node.get("filters");
                if (f != null && !f.isNull()) {
                    if (!f.isObject()) {
                        problems.add(prefix + "filters must be an object of attribute key to value");
                    } else {
                        for (Map.Entry<String, JsonNode> entry : f.properties()) {
                            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                                filters.put(entry.getKey(), entry.getValue().asString());
                            } else {
                                problems.add(prefix + "filters." + entry.getKey() + " must be a string");
                            }
                        }
                    }
                }
                List<String> groupBy = new ArrayList<>();
                JsonNode g = node.get("groupBy");
                if (g != null && !g.isNull()) {
                    if (!g.isArray()) {
                        problems.add(prefix + "groupBy must be an array of attribute keys");
                    } else {
                        for (JsonNode key : g) {
                            if (key.isString()) {
                                groupBy.add(key.asString());
                            } else {
                                problems.add(prefix + "groupBy must contain only strings");
                            }
                        }
                    }
                }
                yield new PanelQuery.Metric(name, service, aggregation, filters, groupBy);
            }
            default -> {
                problems.add(where + ".type '" + abbreviate(type) + "' is not a known query type: red or metric");
                yield null;
            }
        };
    }

    /** The string {@code field} of {@code node}, null when absent; anything but a string adds a problem. */
    public static String text(JsonNode node, String field, String where, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problems.add(where + field + " must be a string");
            return null;
        }
        return value.asString();
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String field, String where, Class<E> type, E absent,
                                                List<String> problems) {
        String text = text(node, field, where, problems);
        if (text == null) {
            return absent;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.strip())) {
                return constant;
            }
        }
        problems.add(where + field + " '" + abbreviate(text) + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        return absent;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
