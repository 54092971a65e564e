package dev.meridian.query.compare;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where each finding leads, decided once for the API's {@code tracesUrl} and the compare view's links: the trace
 * search (or logs search) that shows the traces behind it, as the target page's route and URL parameters, without
 * the window (each caller adds the window compared in its own form). The parameter names are those of the trace
 * search ({@code service, operation, minDurationMs, attr=key=value, sort}) and of the logs search ({@code q,
 * service}); the UI reads them back through those views' parameter classes, which a test checks.
 */
public final class FindingTargets {

    public static final String TRACES = "traces";
    public static final String LOGS = "logs";

    private FindingTargets() {
    }

    /** A page and its parameters, in a stable order. */
    public record Target(String route, Map<String, List<String>> parameters) {

        public Target {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /**
         * {@code route?name=value&…} with the window's parameters after the target's, percent-encoded with spaces as
         * {@code %20} (not {@code +}, which a query string reader may take for a space in a value) and braces
         * encoded, unlike URI template encoding.
         */
        public String link(Map<String, String> window) {
            StringJoiner query = new StringJoiner("&");
            parameters.forEach((name, values) -> values.forEach(value -> query.add(encode(name) + "=" + encode(value))));
            window.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
            return query.length() == 0 ? route : route + "?" + query;
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /**
     * Traces of the finding's service with a span carrying the value, slowest first; a resource attribute cannot be
     * filtered by the trace search (it matches span attributes), so its target is the service's slowest traces.
     */
    public static Target attribute(Findings.AttributeFinding finding) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("service", List.of(finding.service()));
        if (!finding.resource()) {
            parameters.put("attr", List.of(finding.key() + "=" + finding.value()));
        }
        parameters.put("sort", List.of("duration"));
        return new Target(TRACES, parameters);
    }

    /**
     * Traces with a span of the operation at least as long as in half of the selected traces that have it
     * ({@link Findings.OperationFinding#selectedSpanMs}, rounded down to the millisecond), slowest first.
     */
    public static Target operation(Findings.OperationFinding finding) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("service", List.of(finding.service()));
        parameters.put("operation", List.of(finding.name()));
        if (!Double.isNaN(finding.selectedSpanMs())) {
            parameters.put("minDurationMs", List.of(Decimals.plain(Math.floor(finding.selectedSpanMs()))));
        }
        parameters.put("sort", List.of("duration"));
        return new Target(TRACES, parameters);
    }

    /** The logs of the pattern's service that contain its longest literal text. */
    public static Target log(Findings.LogFinding finding) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("q", List.of(LogPatterns.longestLiteral(finding.pattern())));
        if (finding.service() != null) {
            parameters.put("service", List.of(finding.service()));
        }
        return new Target(LOGS, parameters);
    }
}
