package dev.meridian.storage.jdbc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Row keys of the heavy tables: {@code (millis << 20) | sequence}, a single time-ordered BIGINT that H2
 * uses as its row key, so a time window is a key range and retention deletes key ranges.
 *
 * <p>Spans take the millisecond at which the writer stores them ({@link #nextForArrival}), clamped to
 * {@code [start, start + LATENESS]}: a fleet exports spans seconds after they started, from many processes
 * at once, so keys from start times would land anywhere in the last seconds of every B-tree and each commit
 * would rewrite all of those pages. Arrival keys grow at the end. A span that started in {@code [a, b)}
 * has a key in {@code [floorKey(a), ceilKey(b + LATENESS))} ({@link #spanKeyRange}); one that arrives more
 * than {@link #LATENESS_NANOS} after its start is keyed at {@code start + LATENESS}, an insert in the
 * middle that only costs time. Logs and metric points keep keys from their own time.
 *
 * <p>The 20-bit sequence makes keys of one millisecond distinct; a collision needs 2^20 rows between two
 * rows of the same millisecond, and the writer retries a batch with a shifted sequence if one ever happens.
 */
public final class RowKeys {

    public static final int SEQUENCE_BITS = 20;
    /** How long after its start a span is still keyed by its arrival. */
    public static final long LATENESS_NANOS = 30_000_000_000L;
    private static final long MAX_MILLIS = (1L << (63 - SEQUENCE_BITS)) - 1;

    private final LongSupplier clockMillis;
    private long sequence = ThreadLocalRandom.current().nextLong();
    private long lastArrivalMillis;

    public RowKeys() {
        this(System::currentTimeMillis);
    }

    RowKeys(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** The next key for a row at this time (epoch nanos). Single writer thread only. */
    long next(long epochNanos) {
        return floorKey(epochNanos) | nextSequence();
    }

    /** The next key for a span that starts at {@code startNanos} and is stored now. Single writer thread only. */
    long nextForArrival(long startNanos) {
        // never backwards, even when the wall clock is set back: keys keep growing at the end
        long now = Math.max(lastArrivalMillis, clockMillis.getAsLong());
        lastArrivalMillis = now;
        long startMillis = Math.floorDiv(startNanos, 1_000_000L);
        long latest = startMillis + LATENESS_NANOS / 1_000_000L;
        long millis = Math.clamp(now, Math.min(startMillis, latest), Math.max(startMillis, latest));
        return (Math.clamp(millis, 0, MAX_MILLIS) << SEQUENCE_BITS) | nextSequence();
    }

    /**
     * The first of {@code count} consecutive keys for a run of spans that start in {@code [earliestStart,
     * latestStart]} (at most {@link #LATENESS_NANOS} apart) and are stored now: the key time is within
     * {@code [start, start + LATENESS]} of every span of the run. Single writer thread only.
     */
    long nextRunForArrival(long earliestStart, long latestStart, int count) {
        if (count <= 0 || count > 1 << (SEQUENCE_BITS - 1) || latestStart - earliestStart > LATENESS_NANOS) {
            throw new IllegalArgumentException("a run of " + count + " spans starting " + (latestStart - earliestStart) + " ns apart");
        }
        long now = Math.max(lastArrivalMillis, clockMillis.getAsLong());
        lastArrivalMillis = now;
        long lowest = Math.floorDiv(latestStart, 1_000_000L) + (Math.floorMod(latestStart, 1_000_000L) == 0 ? 0 : 1);
        long highest = Math.floorDiv(earliestStart, 1_000_000L) + LATENESS_NANOS / 1_000_000L;
        long millis = Math.clamp(now, Math.min(lowest, highest), Math.max(lowest, highest));
        long mask = (1L << SEQUENCE_BITS) - 1;
        if ((sequence & mask) + count > mask + 1) {
            sequence += mask + 1 - (sequence & mask); // keys of a run never wrap around within their millisecond
        }
        long first = (Math.clamp(millis, 0, MAX_MILLIS) << SEQUENCE_BITS) | (sequence & mask);
        sequence += count;
        return first;
    }

    private long nextSequence() {
        return sequence++ & ((1L << SEQUENCE_BITS) - 1);
    }

    void skip() {
        sequence += ThreadLocalRandom.current().nextLong(1 << 16, 1 << 19);
    }

    /** The keys of every span that starts in {@code [startNanos, endNanos)}: {@code [from, to)}. */
    public static long[] spanKeyRange(long startNanos, long endNanos) {
        long end = endNanos > Long.MAX_VALUE - LATENESS_NANOS ? Long.MAX_VALUE : endNanos + LATENESS_NANOS;
        return new long[] {floorKey(startNanos), ceilKey(end)};
    }

    /** The key time (epoch nanos, millisecond precision) of a key. */
    public static long keyNanos(long key) {
        return (key >>> SEQUENCE_BITS) * 1_000_000L;
    }

    /** The smallest key of rows at or after this millisecond of {@code epochNanos}. */
    public static long floorKey(long epochNanos) {
        long millis = Math.clamp(Math.floorDiv(epochNanos, 1_000_000L), 0, MAX_MILLIS);
        return millis << SEQUENCE_BITS;
    }

    /** The smallest key that is after every row key of times before {@code epochNanos} (exclusive bound). */
    public static long ceilKey(long epochNanos) {
        long millis = Math.clamp(Math.floorDiv(epochNanos, 1_000_000L) + (Math.floorMod(epochNanos, 1_000_000L) == 0 ? 0 : 1),
                0, MAX_MILLIS);
        return millis << SEQUENCE_BITS;
    }
}
