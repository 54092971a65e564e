package dev.meridian.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.query.MetricAggregation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardTest {

    @Test
    void validDashboard_hasNoProblems() {
        assertThat(Dashboards.checkout().problems()).isEmpty();
    }

    @Test
    void title_isRequired() {
        assertThatThrownBy(() -> Dashboard.named("  ").validated())
                .isInstanceOf(InvalidDashboardException.class).hasMessage("title is required");
    }

    @Test
    void panels_areLimited() {
        Dashboard many = Dashboard.named("Many").withPanels(Collections.nCopies(Dashboard.MAX_PANELS + 1, Dashboards.p95("shop")));

        assertThat(many.problems()).containsExactly("a dashboard has at most 48 panels, this one has 49");
    }

    @Test
    void panelProblems_nameThePanelAndField() {
        Panel noService = new Panel(null, "", new PanelQuery.Red(" ", null, null), 5, ChartKind.BAR);
        Panel noMetric = new Panel(null, "m", new PanelQuery.Metric(null, null, null, Map.of(" ", "x"), List.of()), 1, null);

        assertThat(Dashboard.named("D").withPanels(List.of(noService, noMetric)).problems()).containsExactly(
                "panels[0].title is required",
                "panels[0].width must be 1-4 (columns of 4), was 5",
                "panels[0].query.service is required",
                "panels[0].query.figure is required",
                "panels[1].query.name is required",
                "panels[1].query.aggregation is required",
                "panels[1].query.filters has a blank attribute key");
    }

    @Test
    void withPanelIds_numbersPanelsWithoutIdsAroundTakenOnes() {
        Dashboard dashboard = Dashboard.named("D").withPanels(List.of(Dashboards.p95("a"), Dashboards.p95("b").withId("p1"),
                Dashboards.heap()));

        assertThat(dashboard.withPanelIds().panels()).extracting(Panel::id).containsExactly("p2", "p1", "p3");
    }

    @Test
    void duplicatePanelIds_areRejected() {
        Dashboard dashboard = Dashboard.named("D").withPanels(List.of(Dashboards.p95("a").withId("x"), Dashboards.heap().withId("x")));

        assertThat(dashboard.problems()).containsExactly("panels[1].id 'x' is used twice");
    }

    @Test
    void metricQuery_defaultsToNoFiltersAndNoGroups() {
        PanelQuery.Metric metric = new PanelQuery.Metric("m", "", MetricAggregation.LAST, null, null);

        assertThat(metric.service()).isNull();
        assertThat(metric.filters()).isEmpty();
        assertThat(metric.groupBy()).isEmpty();
    }
}
