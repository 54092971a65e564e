package dev.meridian.ingest.otlp;

import java.time.Duration;
import java.time.Instant;

/**
 * The rules that reject one item because storage could not hold it or would misread it; each method returns the
 * first problem as a message for {@code partial_success}, or null. One instance per request: "now" is read once.
 *
 * <ul>
 *   <li>Times are epoch nanoseconds in an unsigned 64-bit field. Storage keeps them in a signed BIGINT and keys
 *       rows by their millisecond in 43 bits, which ends in September 2248 ({@link #LATEST_STORABLE_NANOS}):
 *       later times are rejected, whatever the clock says.</li>
 *   <li>With a clock: a time more than {@code maxFutureSkew} ahead of it is rejected, and so is one older than
 *       {@code maxAge} (retention would delete it at its next run, after it had been acknowledged).</li>
 *   <li>A span needs a start and an end time (0 means "missing"), and must not end before it starts (it used to be
 *       stored with duration 0). A log record needs a time or an observed time. A data point needs a time.</li>
 *   <li>A log record's severity number must be one of OTLP's 0..24. We reject rather than clamp: a clamped value
 *       would make up a severity the sender never had, while the sender learns of a rejection.</li>
 *   <li>Counts are unsigned 64-bit in OTLP and signed in storage: a count above 2^63 - 1 is rejected. An
 *       exponential histogram's scale must be within OTLP's -10..20.</li>
 * </ul>
 */
final class ItemChecks {

    /** The last millisecond row keys can hold ((2^43 - 1) ms after the epoch, 2248-09-26), in nanoseconds. */
    static final long LATEST_STORABLE_NANOS = ((1L << 43) - 1) * 1_000_000L;
    static final int MAX_SEVERITY_NUMBER = 24;
    static final int MIN_EXPONENTIAL_SCALE = -10;
    static final int MAX_EXPONENTIAL_SCALE = 20;

    private final OtlpLimits limits;
    private final long latestNanos;
    private final long earliestNanos;

    ItemChecks(OtlpLimits limits) {
        this.limits = limits;
        if (limits.clock() == null) {
            latestNanos = LATEST_STORABLE_NANOS;
            earliestNanos = 1;
        } else {
            long now = limits.clock().millis() * 1_000_000L;
            latestNanos = Math.min(LATEST_STORABLE_NANOS, saturatedAdd(now, nanos(limits.maxFutureSkew())));
            earliestNanos = limits.maxAge() == null ? 1 : Math.max(1, now - nanos(limits.maxAge()));
        }
    }

    String span(long startNanos, long endNanos) {
        String problem = required("start_time_unix_nano", startNanos, true);
        if (problem == null) {
            problem = required("end_time_unix_nano", endNanos, false);
        }
        if (problem == null && endNanos < startNanos) {
            problem = "end_time_unix_nano " + time(endNanos) + " is before start_time_unix_nano " + time(startNanos)
                    + " (by " + (startNanos - endNanos) + " ns)";
        }
        return problem;
    }

    String log(long timeNanos, long observedNanos, int severityNumber) {
        if (severityNumber < 0 || severityNumber > MAX_SEVERITY_NUMBER) {
            return "severity_number " + severityNumber + " is outside OTLP's range 0..24";
        }
        if (timeNanos == 0 && observedNanos == 0) {
            return "time_unix_nano and observed_time_unix_nano are both missing (0)";
        }
        // the effective time (event time, else observed time) keys and ages the row; the other only must fit
        String problem = timeNanos != 0 ? required("time_unix_nano", timeNanos, true) : optional("time_unix_nano", timeNanos);
        if (problem == null) {
            problem = timeNanos == 0 ? required("observed_time_unix_nano", observedNanos, true)
                    : optional("observed_time_unix_nano", observedNanos);
        }
        return problem;
    }

    String point(long startNanos, long timeNanos) {
        String problem = required("time_unix_nano", timeNanos, true);
        return problem != null ? problem : optional("start_time_unix_nano", startNanos);
    }

    String count(String field, long unsignedCount) {
        return unsignedCount < 0 ? field + " " + Long.toUnsignedString(unsignedCount) + " is above 2^63 - 1" : null;
    }

    String exponentialScale(int scale) {
        return scale < MIN_EXPONENTIAL_SCALE || scale > MAX_EXPONENTIAL_SCALE
                ? "scale " + scale + " is outside OTLP's range -10..20" : null;
    }

    /** A time the item is stored and aged by; {@code aged}: the retention rule applies to it. */
    private String required(String field, long nanos, boolean aged) {
        if (nanos == 0) {
            return field + " is missing (0)";
        }
        String problem = optional(field, nanos);
        if (problem == null && nanos > latestNanos) {
            problem = field + " " + time(nanos) + " is more than " + format(limits.maxFutureSkew())
                    + " ahead of the server's clock (meridian.otlp.limits.max-future-skew)";
        }
        if (problem == null && aged && nanos < earliestNanos) {
            problem = field + " " + time(nanos) + " is older than the retention period of " + format(limits.maxAge())
                    + " (meridian.retention.max-age)";
        }
        return problem;
    }

    /** A time that is only kept: it must fit storage. */
    private static String optional(String field, long nanos) {
        if (nanos < 0 || nanos > LATEST_STORABLE_NANOS) {
            return field + " " + time(nanos) + " is later than storage can hold (" + time(LATEST_STORABLE_NANOS) + ")";
        }
        return null;
    }

    /** A time (unsigned epoch nanos, as OTLP sends it) as ISO-8601. */
    static String time(long nanos) {
        return Instant.ofEpochSecond(Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L))
                .toString();
    }

    static String format(Duration duration) {
        if (duration == null) {
            return "unlimited";
        }
        long seconds = duration.toSeconds();
        if (duration.toNanosPart() % 1_000_000 != 0 || seconds == 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
