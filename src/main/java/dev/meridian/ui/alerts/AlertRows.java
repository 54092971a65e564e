package dev.meridian.ui.alerts;

import dev.meridian.alerts.AlertRule;
import dev.meridian.alerts.AlertState;
import dev.meridian.alerts.AlertStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of the alerts list: a rule with the state of its worst group (firing, then pending, resolved, ok;
 * a rule never evaluated is ok), its value and since when. Firing rules first, then by name. Pure, unit tested.
 */
record AlertRows(String ruleId, String name, String condition, AlertState state, int groupsNotOk, Double value, Instant since) {

    static List<AlertRows> of(List<AlertRule> rules, List<AlertStatus> statuses) {
        Map<String, List<AlertStatus>> byRule = statuses.stream().collect(Collectors.groupingBy(AlertStatus::ruleId));
        List<AlertRows> rows = new ArrayList<>();
        for (AlertRule rule : rules) {
            List<AlertStatus> groups = byRule.getOrDefault(rule.id(), List.of());
            AlertStatus worst = groups.stream().min(Comparator.comparing(s -> rank(s.state()))).orElse(null);
            int notOk = (int) groups.stream().filter(s -> s.state() != AlertState.OK).count();
            rows.add(new AlertRows(rule.id(), rule.name(), rule.condition().describe(),
                    worst == null ? AlertState.OK : worst.state(), notOk, worst == null ? null : worst.value(),
                    worst == null ? null : worst.since()));
        }
        rows.sort(Comparator.comparing((AlertRows r) -> rank(r.state())).thenComparing(r -> r.name().toLowerCase(java.util.Locale.ROOT)));
        return rows;
    }

    static int rank(AlertState state) {
        return switch (state) {
            case FIRING -> 0;
            case PENDING -> 1;
            case RESOLVED -> 2;
            case OK -> 3;
        };
    }

}
