package dev.meridian.ui.traces;

import dev.meridian.query.TraceSearch.AttributeFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The attribute filter field's text: {@code key=value} pairs separated by spaces, a value with
 * spaces in double quotes ({@code http.route="/a b"}), as in Jaeger's tag search.
 */
final class AttributeFilterText {

    private AttributeFilterText() {
    }

    static List<AttributeFilter> parse(String text) {
        List<AttributeFilter> filters = new ArrayList<>();
        if (text == null) {
            return filters;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                add(filters, current);
            } else {
                current.append(c);
            }
        }
        add(filters, current);
        return filters;
    }

    static String format(List<AttributeFilter> filters) {
        List<String> parts = new ArrayList<>();
        for (AttributeFilter filter : filters) {
            String value = filter.value();
            parts.add(filter.key() + "=" + (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)
                    ? "\"" + value + "\"" : value));
        }
        return String.join(" ", parts);
    }

    private static void add(List<AttributeFilter> filters, StringBuilder current) {
        if (!current.isEmpty()) {
            String part = current.toString();
            if (part.indexOf('=') > 0) {
                filters.add(AttributeFilter.parse(part));
            } else {
                throw new IllegalArgumentException("'" + part + "' is not key=value");
            }
            current.setLength(0);
        }
    }
}
