package dev.meridian.telemetry;

import java.time.Duration;
import java.time.Instant;

/** A half-open window {@code [startNanos, endNanos)} in epoch nanoseconds, used everywhere a time range is meant. */
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
        return Duration.ofNanos(endNanos - startNanos);
    }

    public static long toNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    public static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
