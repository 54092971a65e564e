package dev.meridian.ui.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.dashboards.ChartKind;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricSeries;
import dev.meridian.query.RedPoint;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PanelDataTest {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final List<RedPoint> POINTS = List.of(
            new RedPoint(T0, 10, 1, 20, 40, 90),
            new RedPoint(T0.plusSeconds(120), 0, 0, Double.NaN, Double.NaN, Double.NaN));

    @Test
    void red_throughputIsPerMinuteOfTheStep() {
        PanelData data = PanelData.red(POINTS, RedFigure.THROUGHPUT, Duration.ofMinutes(2));

        assertThat(data.unit()).isEqualTo("rpm");
        assertThat(data.lines().getFirst().values()).containsExactly(5.0, 0.0);
        assertThat(data.hasData()).isTrue();
    }

    @Test
    void red_errorRateIsPercent_andEmptyBucketsHaveNoValue() {
        PanelData data = PanelData.red(POINTS, RedFigure.ERROR_RATE, Duration.ofMinutes(2));

        assertThat(data.unit()).isEqualTo("%");
        assertThat(data.lines().getFirst().values()[0]).isEqualTo(10.0);
        assertThat(data.lines().getFirst().values()[1]).isNaN();
        assertThat(data.formattedLast()).isEqualTo("10.0 %");
    }

    @Test
    void red_statsAreFiguresOfTheWholeWindow_notOfTheLastBucket() {
        assertThat(PanelData.red(POINTS, RedFigure.THROUGHPUT, Duration.ofMinutes(2)).formattedStat()).isEqualTo("2.5/min");
        assertThat(PanelData.red(POINTS, RedFigure.ERROR_RATE, Duration.ofMinutes(2)).formattedStat()).isEqualTo("10.0 %");
        assertThat(PanelData.red(POINTS, RedFigure.P95, Duration.ofMinutes(2)).withWindowValue(840).formattedStat())
                .isEqualTo("840 ms");
    }

    @Test
    void red_latencyAllHasThreeLinesInMs() {
        PanelData data = PanelData.red(POINTS, RedFigure.LATENCY_ALL, Duration.ofMinutes(2));

        assertThat(data.lines()).extracting(l -> l.name()).containsExactly("p50", "p95", "p99");
        assertThat(data.formattedLast()).isEqualTo("20.0 ms");
    }

    @Test
    void metric_namesLinesByGroupAndReadsUnits() {
        MetricSeries heap = new MetricSeries(Map.of("pool", "eden"), List.of(T0), new double[] {3 * 1024 * 1024});

        PanelData data = PanelData.metric("jvm.memory.used", List.of(heap), MetricAggregation.AVG, "By");

        assertThat(data.lines().getFirst().name()).isEqualTo("eden");
        assertThat(data.unit()).isEqualTo("bytes");
        assertThat(data.formattedLast()).isEqualTo("3.0 MiB");
        assertThat(PanelData.metricUnit("{request}", MetricAggregation.RATE)).isEqualTo("request/s");
    }

    @Test
    void metric_drawsAtMostMaxLines_ofAHighCardinalityGroupBy() {
        List<MetricSeries> thousand = java.util.stream.IntStream.range(0, 1_000)
                .mapToObj(i -> new MetricSeries(Map.of("user.id", "u" + i), List.of(T0), new double[] {i})).toList();

        PanelData data = PanelData.metric("requests", thousand, MetricAggregation.AVG, "");

        assertThat(data.lines()).hasSize(PanelData.MAX_LINES);
        assertThat(PanelData.MAX_LINES).isEqualTo(50);
    }

    @Test
    void metric_withoutSeriesHasNoData() {
        assertThat(PanelData.metric("m", List.of(), MetricAggregation.AVG, "").hasData()).isFalse();
    }

    @Test
    void charts_barsAndAreasKeepSeriesIds() {
        PanelData data = PanelData.red(POINTS, RedFigure.LATENCY_ALL, Duration.ofMinutes(2));
        TimeRange range = TimeRange.of(T0, T0.plusSeconds(240));

        ChartOption bars = PanelCharts.option(ChartKind.BAR, data, range, false);
        ChartOption areas = PanelCharts.option(ChartKind.AREA, data, range, false);

        assertThat(bars.series()).extracting(ChartOption.Series::type).containsOnly("bar");
        assertThat(areas.series()).extracting(ChartOption.Series::id).containsExactly("p50", "p95", "p99");
        assertThat(areas.series()).allSatisfy(s -> assertThat(s.stack()).isNull());
        assertThat(areas.meridian().brushable()).isTrue();
    }

    @Test
    void statusClasses_areThreeLinesOfRequestsPerBucket_asOnTheServicePage_stackedInTheirColours() {
        List<dev.meridian.query.StatusClassPoint> points = List.of(new dev.meridian.query.StatusClassPoint(T0, 8, 2, 4),
                new dev.meridian.query.StatusClassPoint(T0.plusSeconds(120), 0, 0, 0));
        PanelData data = PanelData.statusClasses(points);

        assertThat(data.lines()).extracting(l -> l.name()).containsExactly("2xx/3xx", "4xx", "5xx");
        assertThat(data.lines().get(2).values()).containsExactly(4.0, 0.0);
        assertThat(data.lines()).usingRecursiveComparison()
                .isEqualTo(dev.meridian.ui.chart.StatusClassSeries.lines(points)); // the service page's lines
        assertThat(data.unit()).isEmpty();
        assertThat(data.formattedStat()).isEqualTo("14");
        ChartOption bars = PanelCharts.statusClasses(PanelCharts.option(ChartKind.BAR, data,
                TimeRange.of(T0, T0.plusSeconds(240)), false));
        assertThat(bars.color()).isEqualTo(dev.meridian.ui.chart.StatusClassSeries.COLORS);
        assertThat(bars.series()).extracting(ChartOption.Series::stack).containsOnly("status");
        assertThat(PanelData.statusClasses(List.of()).hasData()).isFalse();
    }
}
