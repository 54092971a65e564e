package dev.meridian.query;

import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TraceId;
import java.util.List;
import java.util.Optional;

public interface TraceQueries {

    /** At most {@code search.limit()} traces, in the search's sort order. */
    default List<TraceSummary> search(TraceSearch search) {
        return searchWithCoverage(search).traces();
    }

    /** {@link #search}, and whether it looked at only part of the window's spans (a bounded scan stopped). */
    SearchResult searchWithCoverage(TraceSearch search);

    /**
     * Traces found; {@code partial} when the search stopped at its scan bound before the window's end (attribute
     * filters on keys without an index): more traces may match.
     */
    record SearchResult(List<TraceSummary> traces, boolean partial) {
    }

    /**
     * The stored spans of the trace in start order, with its logs; empty when no span of it is stored. A trace
     * larger than the query limits keeps its first spans (and logs) and says how many it left out.
     */
    Optional<Trace> trace(TraceId traceId);

    /**
     * The same, when a time within the trace is known (a search result's start): a store may look for its spans
     * near that time only, within an hour of it.
     */
    default Optional<Trace> trace(TraceId traceId, java.time.Instant near) {
        return trace(traceId);
    }

    /**
     * A trace: spans in start order, logs in time order; {@code omittedSpans} and {@code omittedLogs} count what
     * was left out after the first ones because the trace is larger than a query may return (0: complete).
     */
    record Trace(TraceId traceId, List<Span> spans, List<LogRecord> logs, long omittedSpans, long omittedLogs) {

        /** A complete trace. */
        public Trace(TraceId traceId, List<Span> spans, List<LogRecord> logs) {
            this(traceId, spans, logs, 0, 0);
        }

        public boolean truncated() {
            return omittedSpans > 0 || omittedLogs > 0;
        }
    }
}
