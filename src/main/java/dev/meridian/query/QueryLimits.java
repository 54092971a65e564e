package dev.meridian.query;

import java.time.Duration;

/**
 * What one query may cost, so that no question a user asks can hold the database or the heap for long.
 *
 * @param timeout         how long one query (all of its statements together) may run; a search that can answer
 *                        with part of its window does so (partial), anything else fails with
 *                        {@link QueryBudgetExceededException}
 * @param maxRows         a backstop: no statement returns more rows than this (every result has its own, smaller
 *                        limit first)
 * @param maxTraceSpans   trace detail returns at most this many spans (and logs), the first by start time, and
 *                        says how many it left out
 * @param maxLogBodyChars log bodies in search results are cut to this many characters and flagged
 * @param maxCandidates   trace search reads at most this many candidate span runs (and keeps as many candidate spans)
 *                        in one round, over all services; compare reads at most this many entry spans per group
 */
public record QueryLimits(Duration timeout, int maxRows, int maxTraceSpans, int maxLogBodyChars, int maxCandidates) {

    public static final QueryLimits DEFAULTS = new QueryLimits(Duration.ofSeconds(10), 1_000_000, 10_000, 16 * 1024,
            262_144);

    public QueryLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the query timeout must be positive, was " + timeout);
        }
        if (maxRows < 1 || maxTraceSpans < 1 || maxLogBodyChars < 1 || maxCandidates < 1) {
            throw new IllegalArgumentException("query limits must be positive: " + maxRows + ", " + maxTraceSpans + ", "
                    + maxLogBodyChars + ", " + maxCandidates);
        }
    }

    public QueryLimits withTimeout(Duration timeout) {
        return new QueryLimits(timeout, maxRows, maxTraceSpans, maxLogBodyChars, maxCandidates);
    }

    public QueryLimits withMaxTraceSpans(int maxTraceSpans) {
        return new QueryLimits(timeout, maxRows, maxTraceSpans, maxLogBodyChars, maxCandidates);
    }

    public QueryLimits withMaxLogBodyChars(int maxLogBodyChars) {
        return new QueryLimits(timeout, maxRows, maxTraceSpans, maxLogBodyChars, maxCandidates);
    }

    public QueryLimits withMaxCandidates(int maxCandidates) {
        return new QueryLimits(timeout, maxRows, maxTraceSpans, maxLogBodyChars, maxCandidates);
    }
}
