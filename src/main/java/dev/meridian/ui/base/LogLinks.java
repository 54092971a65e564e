package dev.meridian.ui.base;

import dev.meridian.telemetry.TraceId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The link to the logs of one trace, for views below the logs view (the trace view) that must not
 * import it: the logs view links to traces, so a link back through its class would make a package
 * cycle. {@code LogsView.linkToTrace} delegates here.
 */
public final class LogLinks {

    /** The logs view's trace id parameter (its {@code LogFilter.TRACE_ID}). */
    public static final String TRACE_ID = "traceId";

    private LogLinks() {
    }

    /** {@code logs?traceId=…&from=…&to=…}: the trace's logs between two instants. */
    public static String forTrace(TraceId traceId, Instant from, Instant to) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put(TRACE_ID, List.of(traceId.toHex()));
        TimeSelection.absolute(from, to).toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        return QueryString.link("logs", parameters);
    }
}
