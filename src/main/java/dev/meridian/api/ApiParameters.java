package dev.meridian.api;

import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the API's common parameters; each failure is a {@link BadRequestException} naming the parameter. */
final class ApiParameters {

    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    /** Telemetry times are epoch nanoseconds in a long: from 1970 (no earlier telemetry) to 2262. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = TimeRange.toInstant(Long.MAX_VALUE);
    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,9})([smhdw]))?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Map<String, Integer> SEVERITIES = Map.of("TRACE", 1, "DEBUG", 5, "INFO", 9, "WARN", 13,
            "WARNING", 13, "ERROR", 17, "FATAL", 21);

    private ApiParameters() {
    }

    /**
     * {@code [from, to)} from ISO-8601 instants or epoch milliseconds; defaults: to = now, from = to - 1 hour.
     * Each must lie between 1970-01-01T00:00:00Z and 2262-04-11T23:47:16Z (what epoch nanoseconds hold), and
     * from must not be after to; otherwise a {@link BadRequestException} names the parameter.
     */
    static TimeRange range(String from, String to, Clock clock) {
        Instant now = clock.instant();
        Instant end = to == null || to.isBlank() ? now : instant("to", to, now);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_WINDOW) : instant("from", from, now);
        if (start.isBefore(EARLIEST)) {
            start = EARLIEST; // only when defaulted: a given 'from' was checked by instant()
        }
        if (start.isAfter(end)) {
            throw new BadRequestException("'from' (" + start + ") is after 'to' (" + end + ")");
        }
        return TimeRange.of(start, end);
    }

    /**
     * An ISO-8601 instant, epoch milliseconds, or a time relative to {@code now} as the UI's URLs write it
     * ({@code now}, {@code now-15m}: Grafana's form), between {@link #EARLIEST} and {@link #LATEST}.
     */
    static Instant instant(String name, String text, Instant now) {
        Instant instant = parseInstant(name, text, now);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new BadRequestException("parameter '" + name + "' must lie between " + EARLIEST + " and " + LATEST
                    + ", was '" + abbreviate(text) + "'");
        }
        return instant;
    }

    private static Instant parseInstant(String name, String text, Instant now) {
        String value = text.trim();
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            return relative.group(1) == null ? now : now.minus(relativeLength(name, relative));
        }
        if (value.matches("-?\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadRequestException("parameter '" + name + "' must be an ISO-8601 instant, epoch milliseconds or now-<n><s|m|h|d|w>, was '"
                        + abbreviate(text) + "'");
            }
        }
    }

    private static Duration relativeLength(String name, Matcher relative) {
        long amount = Long.parseLong(relative.group(1));
        Duration unit = switch (relative.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
        Duration length = unit.multipliedBy(amount);
        if (length.compareTo(Duration.ofDays(366 * 300L)) > 0) { // keeps now minus it within epoch nanos
            throw new BadRequestException("parameter '" + name + "' reaches too far back: '" + relative.group() + "'");
        }
        return length;
    }

    /** A duration like {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, ISO-8601 {@code PT5M}, or plain seconds; null when absent. */
    static Duration duration(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(value);
        try {
            Duration duration;
            if (value.matches("\\d+")) {
                duration = Duration.ofSeconds(Long.parseLong(value));
            } else if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                duration = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                duration = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new BadRequestException("parameter '" + name + "' must be positive, was '" + abbreviate(text) + "'");
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new BadRequestException("parameter '" + name + "' must be a duration like 60s, 5m, 1h or PT5M, was '"
                    + abbreviate(text) + "'");
        }
    }

    static int limit(Integer limit, int defaultLimit, int max) {
        return limit("limit", limit, defaultLimit, max);
    }

    /** A count parameter named {@code name} (the error names the parameter the caller sent). */
    static int limit(String name, Integer limit, int defaultLimit, int max) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > max) {
            throw new BadRequestException("parameter '" + name + "' must be between 1 and " + max + ", was " + limit);
        }
        return limit;
    }

    static Double nonNegative(String name, Double value) {
        if (value != null && (value < 0 || value.isNaN() || value.isInfinite())) {
            throw new BadRequestException("parameter '" + name + "' must be a non-negative number, was " + value);
        }
        return value;
    }

    /** An OTLP severity number (1-24) or a name: TRACE, DEBUG, INFO, WARN, ERROR, FATAL; null when absent. */
    static Integer severity(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim().toUpperCase(Locale.ROOT);
        if (value.matches("\\d{1,2}")) {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= 24) {
                return number;
            }
        } else if (SEVERITIES.containsKey(value)) {
            return SEVERITIES.get(value);
        }
        throw new BadRequestException("parameter 'severity' must be TRACE, DEBUG, INFO, WARN, ERROR, FATAL or 1-24, was '"
                + abbreviate(text) + "'");
    }

    static <E extends Enum<E>> E choice(String name, String text, Class<E> type, E defaultValue) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter '" + name + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", was '" + abbreviate(text) + "'");
        }
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** JSON has no NaN: absent figures (e.g. percentiles of an empty bucket) are null. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
