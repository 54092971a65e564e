package dev.meridian.ui.traces;

import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSearch.AttributeFilter;
import dev.meridian.ui.base.QueryString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trace search as it stands in the URL of {@code /traces}: {@code service}, {@code operation},
 * {@code minDurationMs}, {@code maxDurationMs}, {@code status} (ok|error), {@code attr} (repeated
 * key=value), {@code sort} (duration|time|errors) and {@code calls} (traces through a call from
 * {@code service} to this service, see {@link TraceSearch#calls()}); the window is {@code from}/{@code to},
 * kept by the layout. Unreadable values are dropped rather than failing the page.
 */
public record TraceSearchParameters(String service, String operation, Double minDurationMs, Double maxDurationMs,
                                    TraceSearch.Status status, List<AttributeFilter> attributes,
                                    TraceSearch.Sort sort, String calls) {

    public static final TraceSearchParameters NONE =
            new TraceSearchParameters(null, null, null, null, null, List.of(), TraceSearch.Sort.DURATION);

    /** Parameters without the {@code calls} filter. */
    public TraceSearchParameters(String service, String operation, Double minDurationMs, Double maxDurationMs,
                                 TraceSearch.Status status, List<AttributeFilter> attributes, TraceSearch.Sort sort) {
        this(service, operation, minDurationMs, maxDurationMs, status, attributes, sort, null);
    }

    /** The traces through calls from {@code source} to {@code target} (a service map edge), newest first. */
    public static TraceSearchParameters forCall(String source, String target) {
        return new TraceSearchParameters(source, null, null, null, null, List.of(), TraceSearch.Sort.TIME, target);
    }

    public TraceSearchParameters {
        service = blankToNull(service);
        operation = blankToNull(operation);
        calls = blankToNull(calls);
        attributes = List.copyOf(attributes);
        sort = sort == null ? TraceSearch.Sort.DURATION : sort;
    }

    public static TraceSearchParameters forService(String service, String operation, TraceSearch.Sort sort) {
        return new TraceSearchParameters(service, operation, null, null, null, List.of(), sort);
    }

    public static TraceSearchParameters fromParameters(Map<String, List<String>> parameters) {
        List<AttributeFilter> attributes = new ArrayList<>();
        for (String text : parameters.getOrDefault("attr", List.of())) {
            try {
                attributes.add(AttributeFilter.parse(text));
            } catch (IllegalArgumentException ignored) {
                // a malformed filter is dropped; the form shows what is applied
            }
        }
        return new TraceSearchParameters(first(parameters, "service"), first(parameters, "operation"),
                number(first(parameters, "minDurationMs")), number(first(parameters, "maxDurationMs")),
                status(first(parameters, "status")), attributes, sort(first(parameters, "sort")), first(parameters, "calls"));
    }

    /** The parameters to put in the URL, without the time window; absent values are left out. */
    public Map<String, List<String>> toParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        put(parameters, "service", service);
        put(parameters, "operation", operation);
        put(parameters, "minDurationMs", format(minDurationMs));
        put(parameters, "maxDurationMs", format(maxDurationMs));
        put(parameters, "status", status == null ? null : status.name().toLowerCase(Locale.ROOT));
        if (!attributes.isEmpty()) {
            parameters.put("attr", attributes.stream().map(AttributeFilter::toString).toList());
        }
        put(parameters, "sort", sort.name().toLowerCase(Locale.ROOT));
        put(parameters, "calls", calls);
        return parameters;
    }

    private static void put(Map<String, List<String>> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, List.of(value));
        }
    }

    private static String format(Double value) {
        if (value == null) {
            return null;
        }
        return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        return QueryString.first(parameters, name);
    }

    private static Double number(String text) {
        return QueryString.nonNegativeNumber(text);
    }

    private static TraceSearch.Status status(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "error" -> TraceSearch.Status.ERROR;
            case "ok" -> TraceSearch.Status.OK;
            default -> null;
        };
    }

    private static TraceSearch.Sort sort(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "time" -> TraceSearch.Sort.TIME;
            case "errors" -> TraceSearch.Sort.ERRORS;
            default -> TraceSearch.Sort.DURATION;
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
