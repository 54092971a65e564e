package dev.meridian.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.alerts.AlertEvent;
import dev.meridian.alerts.AlertRule;
import dev.meridian.alerts.AlertState;
import dev.meridian.alerts.Condition;
import dev.meridian.alerts.Evidence;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.query.MetricAggregation;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertShadingTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static AlertRule rule(String id, PanelQuery query) {
        return new AlertRule(id, "rule " + id, query, new Condition.Threshold(Condition.Op.ABOVE, 1), Duration.ofMinutes(5),
                Duration.ZERO, List.of(), 1);
    }

    static AlertEvent event(long id, String rule, AlertState state, int minute) {
        Instant at = T.plusSeconds(60L * minute);
        return new AlertEvent(id, rule, "rule " + rule, "", state, at, 2.0, at.minusSeconds(300), at, Evidence.NONE);
    }

    @Test
    void aPanelIsShadedByRulesOnItsSeries_aServiceByAllItsRules() {
        PanelQuery.Red p95 = new PanelQuery.Red("checkout", null, RedFigure.P95);
        PanelQuery.Red errors = new PanelQuery.Red("checkout", null, RedFigure.ERROR_RATE);
        PanelQuery.Metric heap = new PanelQuery.Metric("jvm.memory.used", "checkout", MetricAggregation.AVG, Map.of(), List.of());
        AlertShading shading = AlertShading.of(List.of(rule("latency", p95), rule("errors", errors), rule("heap", heap)),
                List.of(event(1, "latency", AlertState.FIRING, 10), event(2, "latency", AlertState.RESOLVED, 20),
                        event(3, "errors", AlertState.FIRING, 30)),
                TimeRange.of(T, T.plusSeconds(3600)));

        assertThat(shading.forPanel(p95)).extracting(ChartOptions.Shaded::label).containsExactly("firing: rule latency");
        assertThat(shading.forPanel(new PanelQuery.Red("checkout", null, RedFigure.LATENCY_ALL)))
                .as("the three percentiles include p95").hasSize(1);
        assertThat(shading.forPanel(new PanelQuery.Red("checkout", "GET /cart", RedFigure.P95))).as("another operation").isEmpty();
        assertThat(shading.forPanel(heap)).isEmpty();
        assertThat(shading.forService("checkout")).hasSize(2);
        assertThat(AlertShading.NONE.forService("checkout")).isEmpty();
    }
}
