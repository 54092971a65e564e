package dev.meridian.alerts;

import java.util.Locale;
import java.util.Map;

/**
 * What a notification says: the webhook's JSON body ({@code rule: {id, name}}, {@code state}, {@code value},
 * {@code condition}, {@code window: {from, to}}, {@code url}, {@code evidence}, {@code group}, and a Slack-compatible
 * {@code text}) and the e-mail's text.
 */
public record AlertNotice(Map<String, String> rule, String state, Double value, String condition, Map<String, String> window,
                          String url, Evidence evidence, String group, String text) {

    static AlertNotice of(AlertRule rule, String group, GroupState state, java.time.Instant from, java.time.Instant to,
                          Evidence evidence, AlertLinks links, String explanation) {
        String stateName = state.state().jsonName();
        String value = state.value() == null ? "no data" : String.format(Locale.ROOT, "%.4g", state.value());
        StringBuilder text = new StringBuilder();
        text.append(state.state() == AlertState.FIRING ? "FIRING: " : "RESOLVED: ").append(rule.name());
        if (!group.isEmpty()) {
            text.append(" [").append(group).append(']');
        }
        text.append(" — value ").append(value).append(", condition ").append(rule.condition().describe());
        if (explanation != null) {
            text.append(" (").append(explanation).append(')');
        }
        text.append(", window ").append(from).append(" … ").append(to).append('\n').append(links.alert(rule.id()));
        for (Evidence.TraceRef t : evidence.traces()) {
            text.append('\n').append(String.format(Locale.ROOT, "• %.1f ms %s %s", t.durationMs(), t.rootName(), t.url()));
        }
        for (Evidence.LogLine l : evidence.logs().subList(0, Math.min(5, evidence.logs().size()))) {
            text.append('\n').append("• ").append(l.severityText()).append(' ').append(l.body());
        }
        return new AlertNotice(Map.of("id", rule.id(), "name", rule.name()), stateName, state.value(),
                rule.condition().describe(), Map.of("from", from.toString(), "to", to.toString()), links.alert(rule.id()),
                evidence, group, text.toString());
    }

    String subject() {
        return "[Meridian] " + state.toUpperCase(Locale.ROOT) + ": " + rule.get("name") + (group.isEmpty() ? "" : " [" + group + "]");
    }
}
