package dev.meridian.ui.logs;

import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.traces.TraceView;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How log records read on screen, as plain strings: every value from telemetry becomes text here and
 * is only ever put into the page as text (never as HTML). Pure functions, unit-tested.
 */
final class LogText {

    static final int ONE_LINE_MAX = 400;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS")
            .withZone(ZoneOffset.UTC);

    private LogText() {
    }

    /** {@code Nov 25 14:02:01.123} in UTC, as in the time column. */
    static String time(long epochNanos) {
        return TIME.format(TimeRange.toInstant(epochNanos));
    }

    /** Nanosecond precision in UTC for the details row; "–" for 0 (unknown). */
    static String fullTime(long epochNanos) {
        return epochNanos == 0 ? "–" : FULL_TIME.format(TimeRange.toInstant(epochNanos));
    }

    /** The body on one line: line breaks become ⏎, and very long bodies are cut with an ellipsis. */
    static String oneLine(Object body) {
        String text = value(body).strip();
        StringBuilder out = new StringBuilder(Math.min(text.length(), ONE_LINE_MAX + 1));
        for (int i = 0; i < text.length() && out.length() < ONE_LINE_MAX; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            out.append(c == '\n' ? " ⏎ " : c == '\t' ? ' ' : c);
        }
        if (out.length() >= ONE_LINE_MAX && text.length() > ONE_LINE_MAX) {
            out.append('…');
        }
        return out.toString();
    }

    /**
     * An attribute-style value as text: strings as they are, arrays as {@code [a, b]}, kvlists as
     * {@code {k=v}}, bytes as base64, null as the empty string.
     */
    static String value(Object value) {
        return switch (value) {
            case null -> "";
            case String text -> text;
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case List<?> list -> {
                StringBuilder out = new StringBuilder("[");
                for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                    out.append(value(it.next()));
                    if (it.hasNext()) {
                        out.append(", ");
                    }
                }
                yield out.append(']').toString();
            }
            case Map<?, ?> map -> {
                StringBuilder out = new StringBuilder("{");
                for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<?, ?> entry = it.next();
                    out.append(entry.getKey()).append('=').append(value(entry.getValue()));
                    if (it.hasNext()) {
                        out.append(", ");
                    }
                }
                yield out.append('}').toString();
            }
            default -> String.valueOf(value);
        };
    }

    /** The level's name, or the record's own severity text when the number is unspecified, or "–". */
    static String severityLabel(LogRecord record) {
        return Severity.of(record.severityNumber(), record.severityText()).map(Enum::name)
                .orElseGet(() -> record.severityText() == null || record.severityText().isBlank() ? "–"
                        : abbreviate(record.severityText(), 8));
    }

    /** The CSS modifier for the severity badge: a level name or {@code unset}; never telemetry text. */
    static String severityClass(LogRecord record) {
        return Severity.of(record.severityNumber(), record.severityText()).map(Severity::cssName).orElse("unset");
    }

    /**
     * The trace view's URL for the record: {@code traces/<traceId>?span=<spanId>} (without the span
     * when it has none), or null when the record is not correlated with a trace.
     */
    static String traceLink(TraceId traceId, SpanId spanId) {
        if (traceId == null || !traceId.isValid()) {
            return null;
        }
        return TraceView.link(traceId, spanId);
    }

    /** The first 8 hex characters, as trace ids are usually shown. */
    static String shortId(TraceId traceId) {
        return traceId == null || !traceId.isValid() ? "" : traceId.toHex().substring(0, 8);
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
