package dev.meridian.telemetry;

import java.time.Duration;
import java.time.Instant;

/**
 * A half-open window {@code [startNanos, endNanos)} in epoch nanoseconds, used everywhere a time range is meant.
 * Epoch nanoseconds in a {@code long} reach from 1677 to 2262: converting an instant outside that range is an
 * {@link IllegalArgumentException}, never a silent overflow.
 */
public record TimeRange(long startNanos, long endNanos) {

    public TimeRange {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("time range ends before it starts: " + startNanos + " > " + endNanos);
        }
    }

    public static TimeRange of(Instant start, Instant end) {
        return new TimeRange(toNanos(start), toNanos(end));
    }

    public static TimeRange lastBefore(Instant end, Duration length) {
        return of(end.minus(length), end);
    }

    public boolean contains(long nanos) {
        return nanos >= startNanos && nanos < endNanos;
    }

    public Instant start() {
        return toInstant(startNanos);
    }

    public Instant end() {
        return toInstant(endNanos);
    }

    public Duration length() {
        return Duration.between(start(), end()); // endNanos - startNanos may not fit a long
    }

    /** @throws IllegalArgumentException when the instant is not representable as epoch nanoseconds in a long */
    public static long toNanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(instant + " is outside the range of epoch nanoseconds (1677 to 2262)");
        }
    }

    public static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
