package dev.meridian.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BucketStepTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    static TimeRange last(Duration length) {
        return TimeRange.lastBefore(T, length);
    }

    @Test
    void choose_withoutRequest_aimsAtAboutSixtyNiceBuckets() {
        assertThat(BucketStep.choose(last(Duration.ofMinutes(15)), null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(BucketStep.choose(last(Duration.ofHours(1)), null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(BucketStep.choose(last(Duration.ofHours(6)), null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(BucketStep.choose(last(Duration.ofDays(1)), null)).isEqualTo(Duration.ofMinutes(30));
        assertThat(BucketStep.choose(last(Duration.ofDays(7)), null)).isEqualTo(Duration.ofMinutes(180));
    }

    @Test
    void choose_roundsARequestUpToWholeMinutes() {
        assertThat(BucketStep.choose(last(Duration.ofHours(1)), Duration.ofSeconds(10))).isEqualTo(Duration.ofMinutes(1));
        assertThat(BucketStep.choose(last(Duration.ofHours(1)), Duration.ofSeconds(90))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void choose_capsTheNumberOfBuckets() {
        assertThat(BucketStep.choose(last(Duration.ofDays(60)), Duration.ofMinutes(1)))
                .isEqualTo(Duration.ofMinutes(60));
        assertThat(BucketStep.choose(last(Duration.ofDays(90)), Duration.ofMinutes(1)))
                .isEqualTo(Duration.ofMinutes(120)); // 90 minutes rounded up to whole hours
    }

    @Test
    void choose_overLongRanges_roundsUpToTheRollupLevelOfTheRange() {
        // up to 1,000 minutes: any step, as requested
        assertThat(BucketStep.choose(last(Duration.ofHours(16)), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(BucketStep.choose(last(Duration.ofHours(12)), Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(15));
        // a day reads 10-minute cells: 144 of them
        assertThat(BucketStep.choose(last(Duration.ofDays(1)), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(10));
        assertThat(BucketStep.choose(last(Duration.ofDays(1)), Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(20));
        // a week reads hourly cells: 168 of them (1,008 10-minute cells would be too many)
        assertThat(BucketStep.choose(last(Duration.ofDays(7)), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(60));
        assertThat(BucketStep.choose(last(Duration.ofDays(30)), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void buckets_areAlignedToTheStepAndCoverTheRange() {
        TimeRange range = TimeRange.of(T.plusSeconds(90), T.plusSeconds(11 * 60 + 1));
        Duration step = Duration.ofMinutes(5);
        assertThat(BucketStep.firstBucketMinute(range, step) * 60).isEqualTo(T.getEpochSecond());
        assertThat(BucketStep.bucketCount(range, step)).isEqualTo(3);
    }

    @Test
    void choose_overCenturies_staysWithinTheBucketCap() {
        TimeRange centuries = new TimeRange(TimeRange.toNanos(java.time.Instant.parse("1800-01-01T00:00:00Z")),
                TimeRange.toNanos(java.time.Instant.parse("2100-01-01T00:00:00Z")));
        Duration step = BucketStep.choose(centuries, Duration.ofMinutes(1));
        assertThat(BucketStep.bucketCount(centuries, step)).isLessThanOrEqualTo(BucketStep.MAX_BUCKETS + 1);
    }
}
