package dev.meridian.storage.jdbc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Row keys of the heavy tables: {@code (millis << 20) | sequence}, a single time-ordered BIGINT that H2
 * uses as its row key, so a time window is a key range and retention deletes key ranges.
 *
 * <p>Spans are stored in runs ({@link SpanRunCodec}) of at most {@value #RUN_SLOT} spans with consecutive keys; a
 * run's first key is {@code (millis << 20) | (slot << 6)}, so two runs of one millisecond either have disjoint key
 * ranges or the same first key (a primary-key violation, never a silent overlap). The millisecond is the one at which
 * the writer stores the run ({@link #nextRunForArrival}), clamped so that it lies within {@code [start, start +
 * LATENESS]} of every span of the run: a fleet exports spans seconds after they started, from many processes at once,
 * so keys from start times would land anywhere in the last seconds of every B-tree and each commit would rewrite all
 * of those pages. Arrival keys grow at the end. A span that started in {@code [a, b)} has a key in
 * {@code [floorKey(a), ceilKey(b + LATENESS))} ({@link #spanKeyRange}); one that arrives more than
 * {@link #LATENESS_NANOS} after its start is keyed at {@code start + LATENESS}, an insert in the middle that only
 * costs time. Logs and metric points keep keys from their own time, with a 20-bit sequence.
 *
 * <p>Runs keyed now take the slots of their millisecond in order (the next millisecond once the present half of the
 * slots is used); runs keyed in the past or the future (clamped to their spans' starts) take slots of the other half
 * from a counter, and may meet a run keyed in that millisecond before: the writer retries a batch with other slots
 * when a key collides.
 */
public final class RowKeys {

    public static final int SEQUENCE_BITS = 20;
    /** How many keys a run may hold, and the alignment of runs' first keys. */
    public static final int RUN_SLOT = 64;
    private static final long SLOTS = (1L << SEQUENCE_BITS) / RUN_SLOT;
    /** How long after its start a span is still keyed by its arrival. */
    public static final long LATENESS_NANOS = 30_000_000_000L;
    private static final long MAX_MILLIS = (1L << (63 - SEQUENCE_BITS)) - 1;

    private final LongSupplier clockMillis;
    private long sequence = ThreadLocalRandom.current().nextLong();
    private long lastArrivalMillis;
    private long presentMillis = Long.MIN_VALUE;
    private long presentSlots;
    private long pastSlots = ThreadLocalRandom.current().nextLong();

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

    /**
     * The first of {@code count} consecutive keys for a run of spans that start in {@code [earliestStart,
     * latestStart]} (less than {@link #LATENESS_NANOS} apart) and are stored now (see the class comment). Single
     * writer thread only.
     */
    long nextRunForArrival(long earliestStart, long latestStart, int count) {
        if (count <= 0 || count > RUN_SLOT || latestStart - earliestStart >= LATENESS_NANOS) {
            throw new IllegalArgumentException("a run of " + count + " spans starting " + (latestStart - earliestStart) + " ns apart");
        }
        long now = Math.max(lastArrivalMillis, clockMillis.getAsLong());
        lastArrivalMillis = now;
        // the key time is at or after every start (rounded up) and at most LATENESS after the earliest
        long lowest = Math.floorDiv(latestStart, 1_000_000L) + (Math.floorMod(latestStart, 1_000_000L) == 0 ? 0 : 1);
        long highest = Math.floorDiv(earliestStart, 1_000_000L) + LATENESS_NANOS / 1_000_000L;
        long millis = Math.clamp(Math.clamp(now, lowest, Math.max(lowest, highest)), 0, MAX_MILLIS);
        long slot;
        if (millis == now) {
            // keyed now: the present slots in order, so keys only grow (a few milliseconds ahead at most, when one
            // millisecond holds more runs than it has present slots)
            millis = Math.max(millis, presentMillis);
            if (millis == presentMillis && presentSlots == SLOTS / 2) {
                millis++;
            }
            if (millis > presentMillis) {
                presentMillis = millis;
                presentSlots = 0;
            }
            slot = presentSlots++;
        } else {
            // keyed in the past (a late run) or the future (a skewed clock): a slot there may be taken already
            slot = SLOTS / 2 + (pastSlots++ & (SLOTS / 2 - 1));
        }
        return (millis << SEQUENCE_BITS) | (slot * RUN_SLOT);
    }

    private long nextSequence() {
        return sequence++ & ((1L << SEQUENCE_BITS) - 1);
    }

    void skip() {
        sequence += ThreadLocalRandom.current().nextLong(1 << 16, 1 << 19);
        pastSlots += ThreadLocalRandom.current().nextLong(1, SLOTS / 2);
        presentSlots = SLOTS / 2; // runs keyed now continue in the next millisecond
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
