package dev.meridian.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowKeysTest {

    private static final long NOW_MILLIS = 1_796_000_000_000L;
    private static final long NOW = NOW_MILLIS * 1_000_000L;

    @Test
    void runsKeyedNow_growAndNeverOverlap_evenWhenOneMillisecondHoldsMoreRunsThanItHasSlots() {
        RowKeys keys = new RowKeys(() -> NOW_MILLIS); // a stopped clock: every run wants the same millisecond
        long previousLast = Long.MIN_VALUE;
        for (int i = 0; i < 50_000; i++) {
            int count = 1 + i % RowKeys.RUN_SLOT;
            long first = keys.nextRunForArrival(NOW - 2_000_000_000L, NOW - 1_000_000_000L, count);
            assertThat(first).isGreaterThan(previousLast);
            assertThat(first % RowKeys.RUN_SLOT).isZero();
            previousLast = first + count - 1;
        }
        // 50,000 runs need more than one millisecond's present slots: the keys moved on by a few milliseconds only
        assertThat(RowKeys.keyNanos(previousLast)).isBetween(NOW + 1_000_000L, NOW + 10_000_000L);
    }

    @Test
    void aRunsKeyTime_isAtOrAfterEveryStartAndAtMostLatenessAfterTheEarliest() {
        SplittableRandom random = new SplittableRandom(7);
        long[] clock = {NOW_MILLIS};
        RowKeys keys = new RowKeys(() -> clock[0]);
        for (int i = 0; i < 10_000; i++) {
            clock[0] += random.nextInt(3);
            long nowNanos = clock[0] * 1_000_000L;
            // from spans far in the past (late) to spans starting in the future (a skewed clock)
            long earliest = nowNanos - random.nextLong(-5_000_000_000L, 120_000_000_000L);
            long latest = earliest + random.nextLong(0, RowKeys.LATENESS_NANOS / 2);
            long first = keys.nextRunForArrival(earliest, latest, 1 + random.nextInt(RowKeys.RUN_SLOT));
            assertThat(RowKeys.keyNanos(first)).isGreaterThanOrEqualTo(latest)
                    .isLessThanOrEqualTo(earliest + RowKeys.LATENESS_NANOS);
            long[] window = RowKeys.spanKeyRange(earliest, latest + 1);
            assertThat(first).isGreaterThanOrEqualTo(window[0]).isLessThan(window[1]);
        }
    }

    @Test
    void lateRunsOfOneMillisecond_haveDisjointKeysOrTheSameFirstKey() {
        RowKeys keys = new RowKeys(() -> NOW_MILLIS);
        long lateStart = NOW - 40_000_000_000L; // keyed at its start + 30 s, ten seconds in the past
        Set<Long> firsts = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            long first = keys.nextRunForArrival(lateStart, lateStart, RowKeys.RUN_SLOT);
            assertThat(RowKeys.keyNanos(first)).isEqualTo(lateStart + RowKeys.LATENESS_NANOS);
            assertThat(first % RowKeys.RUN_SLOT).isZero(); // aligned: a collision is equal first keys, which the primary key refuses
            firsts.add(first);
        }
        assertThat(firsts).hasSizeGreaterThan(8_000); // the past half of the slots, in turn
    }

    @Test
    void aRunTooLongOrTooSpreadIsRefused() {
        RowKeys keys = new RowKeys(() -> NOW_MILLIS);
        assertThatThrownBy(() -> keys.nextRunForArrival(NOW, NOW, RowKeys.RUN_SLOT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.nextRunForArrival(NOW, NOW + RowKeys.LATENESS_NANOS, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
