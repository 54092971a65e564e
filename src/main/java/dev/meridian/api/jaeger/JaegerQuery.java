package dev.meridian.api.jaeger;

import dev.meridian.query.TraceSearch;
import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jaeger's trace search parameters as a {@link TraceSearch}: {@code start}/{@code end} in microseconds (default: the
 * last {@code lookback}, 1h), durations such as {@code 1.2s}, {@code 100ms}, {@code 500us}, tags as a JSON object
 * ({@code tags={"http.route":"/cart"}}, what Grafana sends) or repeated {@code tag=key:value}; {@code error=true}
 * asks for failed spans. Newest first, at most {@value JaegerController#MAX_LIMIT}. Pure, unit tested.
 */
record JaegerQuery(TraceSearch search) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");

    static JaegerQuery of(String service, String operation, String tags, List<String> tag, String minDuration,
                          String maxDuration, Long startMicros, Long endMicros, String lookback, Integer limit, Instant now) {
        Instant end = endMicros == null ? now : micros("end", endMicros);
        Duration back = lookback == null || lookback.isBlank() || "custom".equals(lookback) ? Duration.ofHours(1)
                : Duration.ofNanos(Math.round(millis("lookback", lookback) * 1_000_000));
        Instant start = startMicros == null ? end.minus(back) : micros("start", startMicros);
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("'start' is after 'end'");
        }
        List<TraceSearch.AttributeFilter> filters = new ArrayList<>();
        TraceSearch.Status status = null;
        for (Map.Entry<String, String> entry : tags(tags, tag).entrySet()) {
            if ("error".equals(entry.getKey()) && "true".equalsIgnoreCase(entry.getValue())) {
                status = TraceSearch.Status.ERROR;
            } else {
                filters.add(new TraceSearch.AttributeFilter(entry.getKey(), entry.getValue()));
            }
        }
        int size = limit == null || limit <= 0 ? 20 : Math.min(limit, JaegerController.MAX_LIMIT);
        return new JaegerQuery(new TraceSearch(blankToNull(service), blankToNull(operation),
                minDuration == null || minDuration.isBlank() ? null : millis("minDuration", minDuration),
                maxDuration == null || maxDuration.isBlank() ? null : millis("maxDuration", maxDuration),
                status, filters, TimeRange.of(start, end), size, TraceSearch.Sort.TIME));
    }

    private static Map<String, String> tags(String json, List<String> pairs) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        if (json != null && !json.isBlank()) {
            try {
                JsonNode node = JSON.readTree(json);
                if (!node.isObject()) {
                    throw new IllegalArgumentException("'tags' must be a JSON object of tag to value");
                }
                node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString()
                        : e.getValue().toString()));
            } catch (JacksonException e) {
                throw new IllegalArgumentException("'tags' is not JSON: " + e.getOriginalMessage());
            }
        }
        if (pairs != null) {
            for (String pair : pairs) {
                int colon = pair.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("'tag' must be key:value, was '" + abbreviate(pair) + "'");
                }
                tags.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return tags;
    }

    /** A Jaeger duration ({@code 1.2s}, {@code 100ms}, {@code 500us}) in milliseconds. */
    static double millis(String name, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + name + "' must be a duration such as 1.2s, 100ms or 500us, was '"
                    + abbreviate(text) + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "ns" -> amount / 1_000_000;
            case "us", "µs" -> amount / 1_000;
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
    }

    private static Instant micros(String name, long micros) {
        if (micros < 0 || micros > 9_223_372_036_854_775L) {
            throw new IllegalArgumentException("'" + name + "' must be microseconds since the epoch");
        }
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
