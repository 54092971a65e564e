package dev.meridian.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.QueryParameters;
import dev.meridian.query.MetricAggregation;
import dev.meridian.testing.Telemetry;
import dev.meridian.ui.ViewTest;
import dev.meridian.ui.ViewTestData;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.traces.TraceSearchView;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetricsViewTest extends ViewTest {

    private MetricsView open(String query) {
        UI.getCurrent().navigate("metrics", QueryParameters.fromString(query + "&" + ViewTestData.WINDOW));
        return (MetricsView) getCurrentView();
    }

    @SuppressWarnings("unchecked")
    private List<MetricsView.LegendRow> legend() {
        Grid<MetricsView.LegendRow> grid = $(Grid.class).single();
        return IntStream.range(0, test(grid).size()).mapToObj(i -> test(grid).getRow(i)).toList();
    }

    @Test
    void groupBy_drawsOneLinePerAttributeValue() {
        // the test gauge's unit is "1", but its values are far from ratios: shown as plain numbers
        open("metric=jvm.memory.used&service=shop&groupBy=jvm.memory.type&agg=max");

        assertThat(legend()).extracting(MetricsView.LegendRow::name).containsExactlyInAnyOrder("heap", "<b>x</b>");
        assertThat(legend()).filteredOn(row -> row.name().equals("heap")).extracting(MetricsView.LegendRow::max)
                .containsExactly("209.00M");
        assertThat($(EChart.class).single().getState()).isEqualTo(EChart.State.READY);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aggregationThatDoesNotFitTheType_fallsBackToItsDefault() {
        open("metric=jvm.memory.used&agg=p99");

        Select<MetricAggregation> aggregation = $(Select.class).withClassName("metrics-aggregation").single();
        assertThat(aggregation.getValue()).isEqualTo(MetricAggregation.AVG);
        assertThat(aggregation.getListDataView().getItems()).containsExactly(MetricAggregation.AVG, MetricAggregation.MIN,
                MetricAggregation.MAX, MetricAggregation.LAST);
    }

    @Test
    void unknownMetric_saysItWasNotReceived() {
        open("metric=no.such.metric");

        EChart chart = $(EChart.class).single();
        assertThat(chart.getState()).isEqualTo(EChart.State.EMPTY);
        assertThat(chart.getStateMessage()).contains("no.such.metric");
    }

    @Test
    void plotClick_opensTheSlowestTracesOfThatBucket() {
        open("metric=jvm.memory.used&service=shop");
        EChart chart = $(EChart.class).single();
        long clicked = Telemetry.T0.plusSeconds(4 * 60 + 10).toEpochMilli();

        ComponentUtil.fireEvent(chart, new EChart.PlotClickEvent(chart, true, clicked));

        assertThat(getCurrentView()).isInstanceOf(TraceSearchView.class);
        long bucket = Telemetry.T0.plusSeconds(4 * 60).toEpochMilli();
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getQueryParameters().getParameters())
                .containsEntry("service", List.of("shop"))
                .containsEntry("sort", List.of("duration"))
                .containsEntry("from", List.of(Long.toString(bucket)))
                .containsEntry("to", List.of(Long.toString(bucket + 60_000)));
    }
}
