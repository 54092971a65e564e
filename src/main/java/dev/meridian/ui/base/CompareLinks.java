package dev.meridian.ui.base;

import dev.meridian.query.compare.Decimals;
import dev.meridian.telemetry.TraceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The links to the comparison views ({@code ui.compare}), for the views they link back to (trace search, trace,
 * service): the comparison views link to traces, so a link back through their classes would make a package cycle
 * (as with {@link LogLinks}). {@code CompareView.link} and {@code TypicalView.link} answer the same.
 */
public final class CompareLinks {

    public static final String SERVICE = "service";
    public static final String OPERATION = "operation";
    public static final String MIN_DURATION = "minDurationMs";
    public static final String STATUS = "status";

    private CompareLinks() {
    }

    /**
     * {@code compare?service=&operation=&minDurationMs=&status=error&from=&to=}: the traces of the service (and
     * operation) in the window that took at least {@code minDurationMs} (and failed, when {@code errorsOnly}) against
     * the others; neither: the slowest 5 %.
     */
    public static String compare(String service, String operation, Double minDurationMs, boolean errorsOnly,
                                 TimeSelection time) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put(SERVICE, List.of(service == null ? "" : service));
        parameters.put(OPERATION, List.of(operation == null ? "" : operation));
        if (minDurationMs != null) {
            parameters.put(MIN_DURATION, List.of(Decimals.plain(minDurationMs)));
        }
        if (errorsOnly) {
            parameters.put(STATUS, List.of("error"));
        }
        time.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        return QueryString.link("compare", parameters);
    }

    /** {@code compare/traces/{traceId}}: the trace against typical traces of its root operation. */
    public static String typical(TraceId traceId) {
        return "compare/traces/" + traceId.toHex().toLowerCase(Locale.ROOT);
    }
}
