package dev.meridian.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.ServiceMap;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.GraphOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceMapChartTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private static final ServiceMap MAP = new ServiceMap(
            List.of(new ServiceMap.Node("frontend", 600, 0, 120), new ServiceMap.Node("cart", 300, 6, 20),
                    new ServiceMap.Node("<img src=x onerror=alert(1)>", 60, 30, 5)),
            List.of(new ServiceMap.Edge("frontend", "cart", 300, 0, 100),
                    new ServiceMap.Edge("cart", "<img src=x onerror=alert(1)>", 60, 30, 12),
                    new ServiceMap.Edge("<img src=x onerror=alert(1)>", "cart", 6, 0, Double.NaN)));

    private static GraphOption.Series series(ServiceMapChart.Drawn drawn) {
        return drawn.option().series().getFirst();
    }

    @Test
    void countedWindow_isTheRangeWidenedToWholeMinutes_asTheCountsAre() {
        long minute = 60_000_000_000L;
        long start = 1_000 * minute + 30_000_000_000L; // hh:mm:30

        assertThat(ServiceMapChart.countedWindow(new dev.meridian.telemetry.TimeRange(start, start + 60 * minute)))
                .isEqualTo(Duration.ofMinutes(61));
        assertThat(ServiceMapChart.countedWindow(new dev.meridian.telemetry.TimeRange(1_000 * minute, 1_060 * minute)))
                .isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void draw_nodesByName_edgesByIndex_andIdsResolveBack() {
        ServiceMapChart.Drawn drawn = ServiceMapChart.draw(MAP, HOUR);

        GraphOption.Series series = series(drawn);
        assertThat(series.type()).isEqualTo("graph");
        assertThat(series.data()).extracting(GraphOption.Node::name)
                .containsExactly("<img src=x onerror=alert(1)>", "cart", "frontend");
        GraphOption.Link first = series.links().getFirst();
        assertThat(drawn.edge(first.id()).source()).isEqualTo("frontend");
        assertThat(first.source()).isEqualTo(2);
        assertThat(first.target()).isEqualTo(1);
        assertThat(drawn.node("n1").name()).isEqualTo("cart");
        assertThat(drawn.node("e1")).isNull();
        assertThat(drawn.edge("e9")).isNull();
        assertThat(drawn.edge(null)).isNull();
    }

    @Test
    void draw_colorsByErrorRate_sizesByRate_andCurvesOnlyPairsWithCallsBothWays() {
        GraphOption.Series series = series(ServiceMapChart.draw(MAP, HOUR));

        assertThat(series.data().get(2).itemStyle().color()).isEqualTo(ServiceMapChart.OK_COLOR); // 0 %
        assertThat(series.data().get(1).itemStyle().color()).isEqualTo(ServiceMapChart.WARN_COLOR); // 2 %
        assertThat(series.data().get(0).itemStyle().color()).isEqualTo(ChartOptions.ERROR_COLOR); // 50 %
        assertThat(series.data().get(2).symbolSize()).isGreaterThan(series.data().get(1).symbolSize());
        assertThat(series.links().get(0).lineStyle().width()).isGreaterThan(series.links().get(1).lineStyle().width());
        assertThat(series.links().get(0).lineStyle().curveness()).isZero();
        assertThat(series.links().get(1).lineStyle().curveness()).isPositive();
        assertThat(series.links().get(2).lineStyle().curveness()).isPositive();
        assertThat(series.edgeSymbol()).containsExactly("none", "arrow");
    }

    @Test
    void draw_tooltipsAreLinesOfText_withRatesPerMinute() {
        GraphOption.Series series = series(ServiceMapChart.draw(MAP, HOUR));

        assertThat(series.links().getFirst().tip()).containsExactly("frontend → cart", "Calls: 5.0/min", "Errors: 0.0 %",
                "p95: 100 ms");
        assertThat(series.links().get(2).tip()).contains("p95: –");
        // the untrusted name is a plain string: the chart wrapper escapes tooltip lines, labels go to the canvas
        assertThat(series.data().getFirst().tip().getFirst()).isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void draw_keepsTheBusiestNodes_andOnlyTheEdgesAmongThem() {
        List<ServiceMap.Node> nodes = new ArrayList<>();
        for (int i = 0; i < ServiceMapChart.MAX_NODES + 5; i++) {
            nodes.add(new ServiceMap.Node(String.format("s%03d", i), 1000 - i, 0, 1));
        }
        ServiceMap big = new ServiceMap(nodes, List.of(new ServiceMap.Edge("s000", "s104", 5, 0, 1),
                new ServiceMap.Edge("s000", "s001", 5, 0, 1)));

        ServiceMapChart.Drawn drawn = ServiceMapChart.draw(big, HOUR);

        assertThat(drawn.nodes()).hasSize(ServiceMapChart.MAX_NODES);
        assertThat(drawn.nodes()).extracting(ServiceMap.Node::name).doesNotContain("s104");
        assertThat(drawn.edges()).extracting(ServiceMap.Edge::target).containsExactly("s001");
    }
}
