package dev.meridian.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.alerts.AlertRule;
import dev.meridian.alerts.AlertState;
import dev.meridian.alerts.AlertStatus;
import dev.meridian.alerts.Condition;
import dev.meridian.alerts.Evidence;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRowsTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static AlertRule rule(String id, String name) {
        return new AlertRule(id, name, new PanelQuery.Red("checkout", null, RedFigure.P95),
                new Condition.Threshold(Condition.Op.ABOVE, 500), Duration.ofMinutes(5), Duration.ZERO, List.of(), 1);
    }

    static AlertStatus status(String ruleId, String group, AlertState state, double value) {
        return new AlertStatus(ruleId, "", group, state, T, value, T, Evidence.NONE);
    }

    @Test
    void firingRulesComeFirst_aRuleShowsItsWorstGroup_andANeverEvaluatedRuleIsOk() {
        List<AlertRows> rows = AlertRows.of(
                List.of(rule("a", "Alpha"), rule("b", "beta"), rule("c", "Gamma")),
                List.of(status("b", "pool=old", AlertState.OK, 1), status("b", "pool=young", AlertState.FIRING, 900),
                        status("c", "", AlertState.PENDING, 600)));

        assertThat(rows).extracting(AlertRows::name).containsExactly("beta", "Gamma", "Alpha");
        assertThat(rows.get(0).state()).isEqualTo(AlertState.FIRING);
        assertThat(rows.get(0).value()).isEqualTo(900);
        assertThat(rows.get(0).groupsNotOk()).isEqualTo(1);
        assertThat(rows.get(2).state()).isEqualTo(AlertState.OK);
        assertThat(rows.get(2).value()).isNull();
    }
}
