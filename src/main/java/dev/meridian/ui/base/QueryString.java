package dev.meridian.ui.base;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds {@code path?a=1&b=x%20y} links for the static link helpers of views, keeping the order
 * the parameters were given in (Vaadin's {@code QueryParameters} does not), so links are stable
 * and readable. Values are percent-encoded; spaces become {@code %20}.
 */
public final class QueryString {

    private QueryString() {
    }

    /** The path, plus {@code ?} and the parameters when there are any; blank values are left out. */
    public static String link(String path, Map<String, List<String>> parameters) {
        String query = of(parameters);
        return query.isEmpty() ? path : path + "?" + query;
    }

    public static String of(Map<String, List<String>> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, values) -> {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    query.add(encode(name) + "=" + encode(value));
                }
            }
        });
        return query.toString();
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The first value of a URL parameter, or null when it is absent. */
    public static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** A non-negative finite number such as a duration bound; null when absent or not one (a hand-edited URL). */
    public static Double nonNegativeNumber(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return value >= 0 && Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
