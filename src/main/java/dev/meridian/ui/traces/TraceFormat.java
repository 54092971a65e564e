package dev.meridian.ui.traces;

import dev.meridian.telemetry.TimeRange;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text for durations, times, severities and attribute values as the trace view shows them. */
public final class TraceFormat {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_VALUE_LENGTH = 64 * 1024;

    private TraceFormat() {
    }

    /** 850 ns, 12.3 µs, 4.56 ms, 1.23 s, 2m 03s. */
    public static String duration(long nanos) {
        if (nanos < 0) {
            return "-" + duration(-nanos);
        }
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return decimal(nanos / 1_000.0) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return decimal(nanos / 1_000_000.0) + " ms";
        }
        if (nanos < 60_000_000_000L) {
            return decimal(nanos / 1_000_000_000.0) + " s";
        }
        long seconds = nanos / 1_000_000_000L;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** Three significant digits at most: 1.23, 12.3, 123. */
    private static String decimal(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (value >= 10) {
            return strip(String.format(Locale.ROOT, "%.1f", value));
        }
        return strip(String.format(Locale.ROOT, "%.2f", value));
    }

    private static String strip(String text) {
        if (!text.contains(".")) {
            return text;
        }
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    public static String timestamp(long epochNanos) {
        return TIMESTAMP.format(TimeRange.toInstant(epochNanos));
    }

    public static String time(long epochNanos) {
        return TIME.format(TimeRange.toInstant(epochNanos));
    }

    /** OTLP severity numbers: 1–4 TRACE, 5–8 DEBUG, 9–12 INFO, 13–16 WARN, 17–20 ERROR, 21–24 FATAL. */
    public static String severityLevel(int severityNumber) {
        if (severityNumber <= 0) {
            return "UNSPECIFIED";
        }
        return switch ((Math.min(severityNumber, 24) - 1) / 4) {
            case 0 -> "TRACE";
            case 1 -> "DEBUG";
            case 2 -> "INFO";
            case 3 -> "WARN";
            case 4 -> "ERROR";
            default -> "FATAL";
        };
    }

    /** The record's severity text if it has one, else the level of its number. */
    public static String severity(int severityNumber, String severityText) {
        return severityText != null && !severityText.isBlank() ? severityText : severityLevel(severityNumber);
    }

    /**
     * An attribute or log-body value as plain text: strings as they are, arrays as {@code [a, b]},
     * key-value lists as {@code {k: v}}, bytes as hex; very long values are cut. The result is meant
     * to be shown as text, never interpreted as markup.
     */
    public static String value(Object value) {
        StringBuilder text = new StringBuilder();
        append(text, value);
        if (text.length() > MAX_VALUE_LENGTH) {
            return text.substring(0, MAX_VALUE_LENGTH) + "… (" + text.length() + " characters)";
        }
        return text.toString();
    }

    private static void append(StringBuilder text, Object value) {
        if (text.length() > MAX_VALUE_LENGTH) {
            return;
        }
        switch (value) {
            case null -> {
            }
            case byte[] bytes -> text.append(HexFormat.of().formatHex(bytes));
            case List<?> list -> {
                text.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        text.append(", ");
                    }
                    append(text, list.get(i));
                }
                text.append(']');
            }
            case Map<?, ?> map -> {
                text.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        text.append(", ");
                    }
                    first = false;
                    text.append(entry.getKey()).append(": ");
                    append(text, entry.getValue());
                }
                text.append('}');
            }
            default -> text.append(value);
        }
    }
}
