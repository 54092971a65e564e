package dev.meridian.ui.alerts;

import dev.meridian.dashboards.DashboardJson;
import dev.meridian.dashboards.PanelQuery;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The rule JSON in the editor, with one part replaced by what a picker chose. Pure, unit tested. */
final class RuleText {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TEMPLATE = """
            {"name": "new rule", "condition": {"type": "threshold", "op": "above", "value": 0}, "window": "5m", "for": "0m"}""";

    private RuleText() {
    }

    /** {@code text} with its {@code query} replaced; text that is not a JSON object starts from a template. */
    static String withQuery(String text, PanelQuery query) {
        ObjectNode rule;
        try {
            JsonNode parsed = JSON.readTree(text == null || text.isBlank() ? TEMPLATE : text);
            rule = parsed instanceof ObjectNode object ? object : (ObjectNode) JSON.readTree(TEMPLATE);
        } catch (JacksonException e) {
            rule = (ObjectNode) JSON.readTree(TEMPLATE);
        }
        ObjectNode q = JSON.createObjectNode();
        DashboardJson.writeQuery(q, query);
        rule.set("query", q);
        return rule.toPrettyString();
    }
}
