package dev.meridian.ui.logs;

import dev.meridian.query.LogSearch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the logs view filters by, as kept in its URL: {@code q} (body text), {@code severity}
 * (minimum level), {@code service} and {@code traceId}. The time window ({@code from}, {@code to})
 * is the layout's {@link dev.meridian.ui.base.TimeSelection}. Null fields do not filter. Plain Java.
 */
public record LogFilter(String text, Severity minSeverity, String service, TraceId traceId) {

    public static final String TEXT = "q";
    public static final String SEVERITY = "severity";
    public static final String SERVICE = "service";
    public static final String TRACE_ID = dev.meridian.ui.base.LogLinks.TRACE_ID;

    public static final LogFilter NONE = new LogFilter(null, null, null, null);

    public LogFilter {
        text = blankToNull(text);
        service = blankToNull(service);
        if (traceId != null && !traceId.isValid()) {
            traceId = null;
        }
    }

    /** Reads the filter from URL parameters; unreadable values (a bad trace id, an unknown level) do not filter. */
    public static LogFilter fromParameters(Map<String, List<String>> parameters) {
        return new LogFilter(first(parameters, TEXT), Severity.parse(first(parameters, SEVERITY)).orElse(null),
                first(parameters, SERVICE), parseTraceId(first(parameters, TRACE_ID)).orElse(null));
    }

    /** The filter's parameters in a stable order; unset fields are left out. */
    public Map<String, String> toParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (text != null) {
            parameters.put(TEXT, text);
        }
        if (minSeverity != null) {
            parameters.put(SEVERITY, minSeverity.name());
        }
        if (service != null) {
            parameters.put(SERVICE, service);
        }
        if (traceId != null) {
            parameters.put(TRACE_ID, traceId.toHex());
        }
        return parameters;
    }

    public boolean isEmpty() {
        return text == null && minSeverity == null && service == null && traceId == null;
    }

    public LogFilter withText(String value) {
        return new LogFilter(value, minSeverity, service, traceId);
    }

    public LogFilter withMinSeverity(Severity value) {
        return new LogFilter(text, value, service, traceId);
    }

    public LogFilter withService(String value) {
        return new LogFilter(text, minSeverity, value, traceId);
    }

    public LogFilter withTraceId(TraceId value) {
        return new LogFilter(text, minSeverity, service, value);
    }

    /** The query for one page, newest first; {@code beforeNanos} null for the first page. */
    public LogSearch toSearch(TimeRange range, int limit, Long beforeNanos) {
        return new LogSearch(service, minSeverity == null ? null : minSeverity.otlpNumber(), text, traceId, null,
                range, limit, beforeNanos);
    }

    /** 32 hex characters, surrounding blanks ignored; the all-zero id is no id. */
    public static Optional<TraceId> parseTraceId(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            TraceId id = TraceId.fromHex(text.trim().toLowerCase(Locale.ROOT));
            return id.isValid() ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
