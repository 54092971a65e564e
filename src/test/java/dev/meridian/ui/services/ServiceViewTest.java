package dev.meridian.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.QueryParameters;
import dev.meridian.query.OperationSummary;
import dev.meridian.testing.Telemetry;
import dev.meridian.ui.ViewTest;
import dev.meridian.ui.ViewTestData;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.traces.TraceSearchView;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceViewTest extends ViewTest {

    @Test
    void servicesView_listsEveryServiceWithItsFigures() {
        ServicesView view = open("", ServicesView.class);

        @SuppressWarnings("unchecked")
        Grid<ServicesView.Row> grid = find(Grid.class).single();
        List<ServicesView.Row> rows = test(grid).size() == 0 ? List.of()
                : java.util.stream.IntStream.range(0, test(grid).size()).mapToObj(i -> test(grid).getRow(i)).toList();

        assertThat(view).isNotNull();
        assertThat(rows).extracting(row -> row.summary().name()).containsExactly("db", "shop");
        ServicesView.Row shop = rows.get(1);
        assertThat(shop.summary().requestCount()).isEqualTo(10);
        assertThat(shop.summary().errorCount()).isEqualTo(1);
        assertThat(shop.summary().p99Ms()).isGreaterThan(800);
    }

    @Test
    void latencyChartClick_opensTheSlowestTracesOfThatMinute() {
        open("services/shop", ServiceView.class);
        EChart latency = (EChart) find(EChart.class).all().stream()
                .filter(chart -> chart.getParent().flatMap(p -> p.getId()).filter("latency"::equals).isPresent())
                .findFirst().orElseThrow();

        ComponentUtil.fireEvent(latency, new EChart.PlotClickEvent(latency, true,
                Telemetry.T0.plusSeconds(4 * 60 + 20).toEpochMilli()));

        assertThat(getCurrentView()).isInstanceOf(TraceSearchView.class);
        String location = UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
        assertThat(location).contains("service=shop").contains("sort=duration")
                .contains("from=" + Telemetry.T0.plusSeconds(240).toEpochMilli())
                .contains("to=" + Telemetry.T0.plusSeconds(300).toEpochMilli());
    }

    @Test
    void errorRateChartClick_opensErrorsFirst() {
        open("services/shop", ServiceView.class);
        EChart errorRate = (EChart) find(EChart.class).all().stream()
                .filter(chart -> chart.getParent().flatMap(p -> p.getId()).filter("error-rate"::equals).isPresent())
                .findFirst().orElseThrow();

        ComponentUtil.fireEvent(errorRate, new EChart.RangeSelectEvent(errorRate, true,
                Telemetry.T0.plusSeconds(300).toEpochMilli(), Telemetry.T0.plusSeconds(420).toEpochMilli()));

        String location = UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
        assertThat(location).contains("service=shop").contains("sort=errors")
                .contains("from=" + Telemetry.T0.plusSeconds(300).toEpochMilli());
    }

    @Test
    void operationsGrid_rowClickSelectsTheOperation() {
        open("services/shop", ServiceView.class);
        @SuppressWarnings("unchecked")
        Grid<OperationSummary> operations = find(Grid.class).single();

        assertThat(test(operations).size()).isEqualTo(1);
        assertThat(test(operations).getRow(0).name()).isEqualTo("GET /a");
        test(operations).clickRow(0);

        String location = UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
        assertThat(location).contains("operation=GET");
    }

    @Test
    void emptyWindow_saysWhereDataShouldComeFrom() {
        UI.getCurrent().navigate("services/shop", QueryParameters.fromString("from=0&to=60000"));
        EChart latency = (EChart) find(EChart.class).all().stream()
                .filter(chart -> chart.getParent().flatMap(p -> p.getId()).filter("latency"::equals).isPresent())
                .findFirst().orElseThrow();

        assertThat(latency.getState()).isEqualTo(EChart.State.EMPTY);
        assertThat(latency.getStateMessage()).contains(":4318");
    }
}
