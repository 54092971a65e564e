package dev.meridian.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOption;
import dev.meridian.ui.chart.TimeSeries;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricChartTest {

    @Test
    void scale_showsBytesInTheLargestFittingBinaryUnit() {
        assertThat(MetricChart.Scale.of("bytes", 400e6)).isEqualTo(new MetricChart.Scale(1024 * 1024, "MiB"));
        assertThat(MetricChart.Scale.of("bytes", 3e9)).isEqualTo(new MetricChart.Scale(1024.0 * 1024 * 1024, "GiB"));
        assertThat(MetricChart.Scale.of("bytes", 100)).isEqualTo(new MetricChart.Scale(1, "B"));
    }

    @Test
    void scale_showsRatiosAsPercentAndSubSecondDurationsAsMilliseconds() {
        assertThat(MetricChart.Scale.of("percent", 0.5)).isEqualTo(new MetricChart.Scale(0.01, "%"));
        assertThat(MetricChart.Scale.of("percent", 42)).isEqualTo(new MetricChart.Scale(1, ""));
        assertThat(MetricChart.Scale.of("s", 0.25)).isEqualTo(new MetricChart.Scale(0.001, "ms"));
        assertThat(MetricChart.Scale.of("s", 2.5)).isEqualTo(new MetricChart.Scale(1, "s"));
        assertThat(MetricChart.Scale.of("request/s", Double.NaN)).isEqualTo(new MetricChart.Scale(1, "request/s"));
    }

    @Test
    void option_scalesValuesAndNamesTheUnitOnTheAxis() {
        TimeSeries heap = new TimeSeries("s0", "heap", List.of(Instant.ofEpochMilli(0), Instant.ofEpochMilli(60_000)),
                new double[] {2 * 1024 * 1024, Double.NaN});

        ChartOption option = MetricChart.option(List.of(heap), new TimeRange(0, 120_000_000_000L), "bytes");

        assertThat(option.yAxis().name()).isEqualTo("MiB");
        assertThat(option.meridian().unit()).isEqualTo("MiB");
        Object[] first = (Object[]) option.series().getFirst().data().getFirst();
        Object[] second = (Object[]) option.series().getFirst().data().get(1);
        assertThat(first[1]).isEqualTo(2.0);
        assertThat(second[1]).isNull();
    }

    @Test
    void format_writesTheScaledValueWithItsUnit() {
        assertThat(MetricChart.Scale.of("bytes", 400e6).format(174.5 * 1024 * 1024)).isEqualTo("174.5 MiB");
        assertThat(MetricChart.Scale.of("percent", 0.5).format(0.234)).isEqualTo("23.4 %");
        assertThat(MetricChart.Scale.of("", 5).format(Double.NaN)).isEqualTo("–");
    }
}
