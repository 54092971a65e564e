package dev.meridian.query;

import dev.meridian.telemetry.TimeRange;
import java.util.List;

/**
 * A trace search. Null fields do not filter. A trace matches when one of its spans matches every
 * given filter (service, operation, duration bounds, status, and all attribute filters on that same
 * span). Durations are the matching span's.
 *
 * <p>{@code calls} (a service name) keeps only traces through a call from {@code service} to it: the trace
 * has a span of {@code calls} whose parent span is of {@code service} (of any other service when
 * {@code service} is null). That is how the service map pairs a call (a CLIENT span and the SERVER span it
 * parents), so a map edge's traces are the traces this finds.
 */
public record TraceSearch(String service, String operation, Double minDurationMs, Double maxDurationMs,
                          Status status, List<AttributeFilter> attributes, TimeRange range, int limit, Sort sort,
                          String calls) {

    /** A search without the {@code calls} filter. */
    public TraceSearch(String service, String operation, Double minDurationMs, Double maxDurationMs,
                       Status status, List<AttributeFilter> attributes, TimeRange range, int limit, Sort sort) {
        this(service, operation, minDurationMs, maxDurationMs, status, attributes, range, limit, sort, null);
    }

    public enum Status { OK, ERROR }

    public enum Sort {
        /** slowest first */
        DURATION,
        /** newest first */
        TIME,
        /** traces with errors first, then slowest */
        ERRORS
    }

    public record AttributeFilter(String key, String value) {

        /** Parses {@code key=value}; the value may contain '='. */
        public static AttributeFilter parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("attribute filter must be key=value, was '" + text + "'");
            }
            return new AttributeFilter(text.substring(0, eq).trim(), text.substring(eq + 1));
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }
}
