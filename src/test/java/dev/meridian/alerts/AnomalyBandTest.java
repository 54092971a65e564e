package dev.meridian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A synthetic seasonal series: busy by day, quiet by night, with noise. */
class AnomalyBandTest {

    static final Instant NOW = Instant.parse("2026-12-01T14:05:00Z");

    static double usual(Instant t, Random noise) {
        int hour = t.atOffset(ZoneOffset.UTC).getHour();
        double daily = hour >= 8 && hour < 20 ? 1000 : 100;
        return daily * (1 + 0.05 * noise.nextGaussian());
    }

    static List<AnomalyBand.Sample> week(Instant end) {
        Random noise = new Random(7);
        List<AnomalyBand.Sample> history = new ArrayList<>();
        for (Instant t = end.minus(Duration.ofDays(7)); t.isBefore(end); t = t.plus(Duration.ofMinutes(10))) {
            history.add(new AnomalyBand.Sample(t, usual(t, noise)));
        }
        return history;
    }

    @Test
    void seasonalBand_acceptsTheDailyRhythm_andFlagsADeviation() {
        List<AnomalyBand.Sample> history = week(NOW);
        Instant night = Instant.parse("2026-12-01T03:05:00Z");

        AnomalyBand day = AnomalyBand.of(history, NOW, Condition.Sensitivity.MEDIUM);
        AnomalyBand nightBand = AnomalyBand.of(week(night), night, Condition.Sensitivity.MEDIUM);

        assertThat(day.seasonal()).isTrue();
        assertThat(day.outside(1030)).as("a normal afternoon").isFalse();
        assertThat(day.outside(100)).as("the afternoon falls to night traffic").isTrue();
        assertThat(nightBand.outside(95)).as("a normal night").isFalse();
        assertThat(nightBand.outside(1000)).as("daytime traffic at 3 am").isTrue();
        assertThat(day.explain()).contains("at this hour of day");
    }

    @Test
    void sensitivity_widensOrNarrowsTheBand_andShortHistoryGivesNone() {
        List<AnomalyBand.Sample> history = week(NOW);
        AnomalyBand low = AnomalyBand.of(history, NOW, Condition.Sensitivity.LOW);
        AnomalyBand high = AnomalyBand.of(history, NOW, Condition.Sensitivity.HIGH);

        assertThat(high.high()).isLessThan(low.high());
        assertThat(AnomalyBand.of(history.subList(0, 5), NOW, Condition.Sensitivity.HIGH)).isNull();
    }

    @Test
    void flatHistory_stillHasABand() {
        List<AnomalyBand.Sample> flat = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            flat.add(new AnomalyBand.Sample(NOW.minusSeconds(60L * i), 0.0));
        }
        AnomalyBand band = AnomalyBand.of(flat, NOW, Condition.Sensitivity.MEDIUM);
        assertThat(band.outside(0)).isFalse();
        assertThat(band.outside(0.5)).isTrue();
    }
}
