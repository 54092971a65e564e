package dev.meridian.ui.traces;

import dev.meridian.telemetry.Span;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Find in trace": a case-insensitive substring match on a span's name, service, span id, and its
 * attribute keys and values. Plain Java.
 */
final class SpanFinder {

    private SpanFinder() {
    }

    /** The matching spans in display order; none for a blank query. */
    static List<SpanNode> find(List<SpanNode> depthFirst, String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String needle = query.strip().toLowerCase(Locale.ROOT);
        return depthFirst.stream().filter(node -> matches(node.span(), needle)).toList();
    }

    private static boolean matches(Span span, String needle) {
        if (contains(span.name(), needle) || contains(span.serviceName(), needle) || span.spanId().toHex().equals(needle)) {
            return true;
        }
        for (Map.Entry<String, Object> attribute : span.attributes().values().entrySet()) {
            if (contains(attribute.getKey(), needle) || contains(TraceFormat.value(attribute.getValue()), needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
