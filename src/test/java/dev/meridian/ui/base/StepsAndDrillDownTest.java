package dev.meridian.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepsAndDrillDownTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void forRange_keepsThePointCountWithinTheLimit() {
        assertThat(Steps.forRange(TimeRange.lastBefore(T, Duration.ofMinutes(15)), 60)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Steps.forRange(TimeRange.lastBefore(T, Duration.ofHours(1)), 60)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Steps.forRange(TimeRange.lastBefore(T, Duration.ofHours(6)), 60)).isEqualTo(Duration.ofMinutes(10));
        assertThat(Steps.forRange(TimeRange.lastBefore(T, Duration.ofDays(7)), 60)).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void bucketAt_choosesTheBucketWhosePointIsNearestTheClick() {
        List<Instant> buckets = List.of(T, T.plusSeconds(60), T.plusSeconds(120));

        DrillDown.Window window = DrillDown.bucketAt(T.plusSeconds(70), buckets, Duration.ofMinutes(1));

        assertThat(window.start()).isEqualTo(T.plusSeconds(60));
        assertThat(window.end()).isEqualTo(T.plusSeconds(120));
    }

    @Test
    void bucketAt_withoutPoints_alignsToTheStep() {
        DrillDown.Window window = DrillDown.bucketAt(T.plusSeconds(130), List.of(), Duration.ofMinutes(1));

        assertThat(window.start()).isEqualTo(T.plusSeconds(120));
    }
}
