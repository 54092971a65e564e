package dev.meridian.storage.jdbc;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered row keys: {@code (epoch millis << 20) | sequence}. The key orders rows by time, so a
 * time window is a key range and appends land at the end of the table. The 20-bit sequence makes
 * keys of one millisecond distinct; a collision needs 2^20 rows written between two rows of the same
 * millisecond, and the writer retries a batch with a shifted sequence if one ever happens.
 */
public final class RowKeys {

    public static final int SEQUENCE_BITS = 20;
    private static final long MAX_MILLIS = (1L << (63 - SEQUENCE_BITS)) - 1;

    private long sequence = ThreadLocalRandom.current().nextLong();

    /** The next key for a row at this time (epoch nanos). Single writer thread only. */
    long next(long epochNanos) {
        return floorKey(epochNanos) | (sequence++ & ((1L << SEQUENCE_BITS) - 1));
    }

    void skip() {
        sequence += ThreadLocalRandom.current().nextLong(1 << 16, 1 << 19);
    }

    /** The smallest key of rows at or after this millisecond of {@code epochNanos}. */
    public static long floorKey(long epochNanos) {
        long millis = Math.clamp(Math.floorDiv(epochNanos, 1_000_000L), 0, MAX_MILLIS);
        return millis << SEQUENCE_BITS;
    }

    /** The smallest key that is after every row key of times before {@code epochNanos} (exclusive bound). */
    public static long ceilKey(long epochNanos) {
        long millis = Math.clamp(Math.floorDiv(epochNanos + 999_999L, 1_000_000L), 0, MAX_MILLIS);
        return millis << SEQUENCE_BITS;
    }
}
