package dev.meridian.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.alerts.AlertRule;
import dev.meridian.alerts.AlertRuleJson;
import dev.meridian.alerts.Condition;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import org.junit.jupiter.api.Test;

class RuleTextTest {

    @Test
    void withQuery_replacesOnlyTheQuery_ofAValidRule() {
        String edited = RuleText.withQuery("""
                {"name": "checkout errors", "query": {"type": "red", "service": "old", "figure": "p95"},
                 "condition": {"type": "threshold", "op": "above", "value": 0.05}, "window": "10m"}""",
                new PanelQuery.Red("checkout", "POST /pay", RedFigure.ERROR_RATE));

        AlertRule rule = AlertRuleJson.read(edited);
        assertThat(rule.name()).isEqualTo("checkout errors");
        assertThat(rule.query()).isEqualTo(new PanelQuery.Red("checkout", "POST /pay", RedFigure.ERROR_RATE));
        assertThat(rule.condition()).isEqualTo(new Condition.Threshold(Condition.Op.ABOVE, 0.05));
        assertThat(rule.window().toMinutes()).isEqualTo(10);
    }

    @Test
    void withQuery_onTextThatIsNotJson_startsFromTheTemplate() {
        AlertRule rule = AlertRuleJson.read(RuleText.withQuery("{oops", new PanelQuery.Red("checkout", null, RedFigure.P99)));

        assertThat(rule.name()).isEqualTo("new rule");
        assertThat(rule.query()).isEqualTo(new PanelQuery.Red("checkout", null, RedFigure.P99));
    }
}
