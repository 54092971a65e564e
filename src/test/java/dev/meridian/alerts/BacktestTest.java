package dev.meridian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {

    static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(5);

    static AlertRule rule(Condition condition, Duration forDuration) {
        return new AlertRule("r", "errors", new PanelQuery.Red("checkout", null, RedFigure.ERROR_RATE), condition, STEP,
                forDuration, List.of(), 1);
    }

    static List<AnomalyBand.Sample> series(double... values) {
        List<AnomalyBand.Sample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(new AnomalyBand.Sample(T.plus(STEP.multipliedBy(i)), values[i]));
        }
        return samples;
    }

    @Test
    void threshold_firesOncePerEpisode_afterItsForDuration() {
        Backtest backtest = Backtest.run(rule(new Condition.Threshold(Condition.Op.ABOVE, 0.05), Duration.ofMinutes(10)),
                series(0.01, 0.2, 0.2, 0.2, 0.01, 0.3, 0.01, 0.3, 0.3, 0.3, 0.3), List.of(), STEP);

        assertThat(backtest.points()).extracting(Backtest.Point::breached)
                .containsExactly(false, true, true, true, false, true, false, true, true, true, true);
        // pending at 10 (end of bucket 1), firing once 10 min of breach passed; the lone breach at bucket 5 never fires
        assertThat(backtest.firings()).containsExactly(T.plus(STEP.multipliedBy(4)), T.plus(STEP.multipliedBy(10)));
        assertThat(backtest.points().getFirst().high()).isEqualTo(0.05);
        assertThat(backtest.points().getFirst().low()).isNaN();
    }

    @Test
    void anomaly_judgesEachBucketAgainstTheBandOfItsPast() {
        List<AnomalyBand.Sample> history = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            history.add(new AnomalyBand.Sample(T.minus(STEP.multipliedBy(100 - i)), 10 + (i % 3)));
        }
        List<AnomalyBand.Sample> shown = series(11, 10, 50, 12);
        history.addAll(shown);

        Backtest backtest = Backtest.run(rule(new Condition.Anomaly(Condition.Sensitivity.MEDIUM), Duration.ZERO), shown, history, STEP);

        assertThat(backtest.points()).extracting(Backtest.Point::breached).containsExactly(false, false, true, false);
        assertThat(backtest.firings()).containsExactly(T.plus(STEP.multipliedBy(3)));
        assertThat(backtest.points().get(2).high()).isLessThan(50);
    }
}
