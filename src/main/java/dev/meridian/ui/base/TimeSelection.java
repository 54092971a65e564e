package dev.meridian.ui.base;

import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time window and refresh interval every view shows, as kept in the URL: {@code from} and
 * {@code to} are Grafana-style relative times ({@code now-15m}, {@code now}) or absolute ones (epoch
 * milliseconds or ISO-8601); {@code refresh} is off or an interval ({@code 5s}, {@code 1m}).
 * Plain Java, so the parsing rules are unit-tested without a browser.
 */
public record TimeSelection(String from, String to, Duration refresh) {

    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String REFRESH = "refresh";

    public static final TimeSelection DEFAULT = new TimeSelection("now-1h", "now", null);

    /** The quick ranges offered by the picker, in order. */
    public static final List<Duration> PRESETS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(7));

    /** The auto-refresh intervals offered, in order; off is {@code null}. */
    public static final List<Duration> REFRESH_INTERVALS = List.of(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1));

    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+)([smhdw]))?");

    public TimeSelection {
        from = from == null || from.isBlank() ? DEFAULT.from : from.trim();
        to = to == null || to.isBlank() ? DEFAULT.to : to.trim();
    }

    public static TimeSelection last(Duration length) {
        return new TimeSelection("now-" + format(length), "now", null);
    }

    public static TimeSelection absolute(Instant start, Instant end) {
        return new TimeSelection(Long.toString(start.toEpochMilli()), Long.toString(end.toEpochMilli()), null);
    }

    /** Reads the selection from URL parameters; anything unreadable falls back to the default. */
    public static TimeSelection fromParameters(Map<String, List<String>> parameters) {
        String from = first(parameters, FROM);
        String to = first(parameters, TO);
        Duration refresh = parseDuration(first(parameters, REFRESH)).orElse(null);
        TimeSelection selection = new TimeSelection(from, to, refresh);
        if (parseInstant(selection.from, Instant.EPOCH).isEmpty() || parseInstant(selection.to, Instant.EPOCH).isEmpty()) {
            return new TimeSelection(null, null, refresh);
        }
        return selection;
    }

    public Map<String, String> toParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(FROM, from);
        parameters.put(TO, to);
        if (refresh != null) {
            parameters.put(REFRESH, format(refresh));
        }
        return parameters;
    }

    public TimeSelection withRefresh(Duration interval) {
        return new TimeSelection(from, to, interval);
    }

    public TimeSelection withWindow(TimeSelection window) {
        return new TimeSelection(window.from, window.to, refresh);
    }

    public boolean isRelative() {
        return to.equals("now");
    }

    /** The preset this selection is, if it is one. */
    public Optional<Duration> preset() {
        if (!isRelative()) {
            return Optional.empty();
        }
        return PRESETS.stream().filter(d -> from.equals("now-" + format(d))).findFirst();
    }

    public TimeRange resolve(Clock clock) {
        Instant now = clock.instant();
        Instant start = parseInstant(from, now).orElseThrow();
        Instant end = parseInstant(to, now).orElseThrow();
        if (end.isBefore(start)) {
            Instant swap = start;
            start = end;
            end = swap;
        }
        return TimeRange.of(start, end);
    }

    static Optional<Instant> parseInstant(String text, Instant now) {
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return Optional.of(now);
            }
            return parseDuration(relative.group(1) + relative.group(2)).map(now::minus);
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
        } catch (NumberFormatException notMillis) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }

    /** Parses {@code 30s}, {@code 5m}, {@code 6h}, {@code 7d}, {@code 1w}. */
    public static Optional<Duration> parseDuration(String text) {
        if (text == null || text.length() < 2) {
            return Optional.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (amount <= 0) {
            return Optional.empty();
        }
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Optional.of(Duration.ofSeconds(amount));
            case 'm' -> Optional.of(Duration.ofMinutes(amount));
            case 'h' -> Optional.of(Duration.ofHours(amount));
            case 'd' -> Optional.of(Duration.ofDays(amount));
            case 'w' -> Optional.of(Duration.ofDays(7 * amount));
            default -> Optional.empty();
        };
    }

    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
