package dev.meridian.ui.compare;

import dev.meridian.ui.base.CompareLinks;
import dev.meridian.ui.base.QueryString;
import dev.meridian.ui.base.TimeSelection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison as it stands in the URL of {@code /compare} ({@link CompareLinks#compare}). Unreadable values are
 * dropped rather than failing the page: a negative or unparsable {@code minDurationMs} is absent.
 */
record CompareParameters(String service, String operation, Double minDurationMs, boolean errorsOnly, TimeSelection time) {

    static CompareParameters fromParameters(Map<String, List<String>> parameters) {
        String status = first(parameters, CompareLinks.STATUS);
        return new CompareParameters(first(parameters, CompareLinks.SERVICE), first(parameters, CompareLinks.OPERATION),
                number(first(parameters, CompareLinks.MIN_DURATION)),
                status != null && status.toLowerCase(Locale.ROOT).equals("error"), TimeSelection.fromParameters(parameters));
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        String value = QueryString.first(parameters, name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Double number(String text) {
        return QueryString.nonNegativeNumber(text);
    }
}
