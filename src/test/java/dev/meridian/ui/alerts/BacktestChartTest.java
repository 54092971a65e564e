package dev.meridian.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.alerts.Backtest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestChartTest {

    static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void summary_countsTheWindowsThatHeldAndTheFirings() {
        Backtest backtest = new Backtest(List.of(
                new Backtest.Point(T, 0.01, Double.NaN, 0.05, false),
                new Backtest.Point(T.plusSeconds(300), 0.2, Double.NaN, 0.05, true),
                new Backtest.Point(T.plusSeconds(600), 0.3, Double.NaN, 0.05, true)), List.of(T.plusSeconds(600)));

        assertThat(BacktestChart.summary(backtest))
                .isEqualTo("In the last 24 hours the condition held in 2 of 3 windows; the rule would have fired once.");
        assertThat(BacktestChart.summary(new Backtest(List.of(), List.of()))).startsWith("No data");
    }

    @Test
    void option_drawsTheValueTheLimitAndWhereTheConditionHeld_butNoLineWithoutData() {
        Backtest backtest = new Backtest(List.of(new Backtest.Point(T, 0.2, Double.NaN, 0.05, true)), List.of());

        var option = BacktestChart.option(backtest, dev.meridian.telemetry.TimeRange.of(T, T.plusSeconds(3600)));

        assertThat(option.series()).extracting(dev.meridian.ui.chart.ChartOption.Series::name)
                .containsExactly("value", "upper limit", "condition held");
    }
}
