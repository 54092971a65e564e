package dev.meridian.query;

import dev.meridian.storage.rollup.RollupLevel;
import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.util.List;

/**
 * Chooses the bucket step of a chart: whole minutes (the rollup resolution), at least one minute,
 * at most {@link #MAX_BUCKETS} buckets over the range. Without a requested step it aims at about
 * {@link #TARGET_BUCKETS} buckets and rounds to a "nice" step. Over a long range the step is then
 * rounded up to a multiple of the rollup level that covers the range in at most
 * {@link RollupLevel#MAX_CELLS} cells (10 minutes beyond ~16 hours, an hour beyond ~7 days), so a
 * series is read from those cells. Pure function, unit tested.
 */
public final class BucketStep {

    public static final int MAX_BUCKETS = 1440;
    public static final int TARGET_BUCKETS = 60;
    private static final List<Long> NICE_MINUTES = List.of(1L, 2L, 5L, 10L, 15L, 30L, 60L, 120L, 180L, 360L, 720L, 1440L);
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private BucketStep() {
    }

    /** The step in whole minutes for this range and requested step (null: choose). */
    public static Duration choose(TimeRange range, Duration requested) {
        // minutes first, then the difference: nanos of 1800 and 2100 differ by more than a long holds
        long rangeMinutes = Math.max(1, ceilDiv(range.endNanos(), NANOS_PER_MINUTE) - Math.floorDiv(range.startNanos(), NANOS_PER_MINUTE));
        long minimum = ceilDiv(rangeMinutes, MAX_BUCKETS);
        long minutes;
        if (requested == null || requested.isZero() || requested.isNegative()) {
            long wanted = ceilDiv(rangeMinutes, TARGET_BUCKETS);
            minutes = NICE_MINUTES.stream().filter(m -> m >= wanted).findFirst().orElse(wanted);
        } else {
            minutes = Math.max(1, ceilDiv(requested.toNanos(), NANOS_PER_MINUTE));
        }
        long level = RollupLevel.forWindow(rangeMinutes).minutes();
        return Duration.ofMinutes(ceilDiv(Math.max(minutes, minimum), level) * level);
    }

    /** The first bucket start (epoch minutes) of a range: the step-aligned minute at or before its start. */
    public static long firstBucketMinute(TimeRange range, Duration step) {
        long stepMinutes = step.toMinutes();
        long startMinute = Math.floorDiv(range.startNanos(), NANOS_PER_MINUTE);
        return Math.floorDiv(startMinute, stepMinutes) * stepMinutes;
    }

    /** How many buckets of {@code step} cover the range from {@link #firstBucketMinute}. */
    public static int bucketCount(TimeRange range, Duration step) {
        long first = firstBucketMinute(range, step);
        long endMinute = ceilDiv(range.endNanos(), NANOS_PER_MINUTE);
        return (int) Math.max(1, ceilDiv(endMinute - first, step.toMinutes()));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
