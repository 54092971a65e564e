package dev.meridian.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertRuleJsonTest {

    static final String RULE = """
            {"name": "checkout errors", "query": {"type": "red", "service": "checkout", "figure": "error_rate"},
             "condition": {"type": "threshold", "op": "above", "value": 0.05}, "window": "5m", "for": "1m",
             "notify": [{"type": "webhook", "url": "https://hooks.example/alerts"}, {"type": "email", "to": "oncall@example.com"}]}
            """;

    @Test
    void read_theContractExample_andWriteItBackTheSame() {
        AlertRule rule = AlertRuleJson.read(RULE);

        assertThat(rule.name()).isEqualTo("checkout errors");
        assertThat(rule.query()).isEqualTo(new PanelQuery.Red("checkout", null, RedFigure.ERROR_RATE));
        assertThat(rule.condition()).isEqualTo(new Condition.Threshold(Condition.Op.ABOVE, 0.05));
        assertThat(rule.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.targets()).hasSize(2);
        assertThat(AlertRuleJson.read(AlertRuleJson.write(rule))).isEqualTo(rule);
    }

    @Test
    void read_anomalyAndNoDataConditions_andAMetricQueryWithGroups() {
        AlertRule anomaly = AlertRuleJson.read("""
                {"name": "heap", "query": {"type": "metric", "name": "jvm.memory.used", "aggregation": "avg",
                 "groupBy": ["pool"]}, "condition": {"type": "anomaly", "sensitivity": "high"}}""");
        AlertRule silent = AlertRuleJson.read("""
                {"name": "quiet", "query": {"type": "red", "service": "s", "figure": "throughput"},
                 "condition": {"type": "nodata"}, "window": "10m"}""");

        assertThat(anomaly.condition()).isEqualTo(new Condition.Anomaly(Condition.Sensitivity.HIGH));
        assertThat(anomaly.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(silent.condition()).isInstanceOf(Condition.NoData.class);
        assertThat(AlertRuleJson.read(AlertRuleJson.write(anomaly))).isEqualTo(anomaly);
    }

    @Test
    void read_anInvalidRule_namesEveryProblem() {
        assertThatThrownBy(() -> AlertRuleJson.read("""
                {"query": {"type": "red", "figure": "latency_all"}, "condition": {"type": "threshold", "op": "over"},
                 "window": "5 weeks", "notify": [{"type": "webhook", "url": "file:///etc/passwd"}, {"type": "pager"}]}"""))
                .isInstanceOfSatisfying(InvalidAlertRuleException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "name is required",
                        "query.service is required for a red query",
                        "query.figure latency_all draws three lines; a rule watches one: p50, p95 or p99",
                        "condition.op must be above or below",
                        "condition.value must be a number",
                        "window must be a duration such as 30s, 5m, 1h or 1d",
                        "notify[0].url must be an http or https URL",
                        "notify[1].type must be webhook or email"));
    }

    @Test
    void readAll_anExport_reportsProblemsWithTheRulesPosition() {
        assertThat(AlertRuleJson.readAll("[" + RULE + "," + RULE + "]")).hasSize(2);
        assertThatThrownBy(() -> AlertRuleJson.readAll("[" + RULE + ", {\"name\": \"x\"}]"))
                .isInstanceOfSatisfying(InvalidAlertRuleException.class,
                        e -> assertThat(e.problems()).allMatch(p -> p.startsWith("[1].")));
    }
}
