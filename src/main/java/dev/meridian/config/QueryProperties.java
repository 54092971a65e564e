package dev.meridian.config;

import dev.meridian.query.QueryLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What reads may cost ({@code meridian.query.*}). Reads (API, UI) use a connection pool of their own, so
 * however heavy they are, ingest, rollups and retention keep theirs (the {@code spring.datasource.hikari.*} pool).
 *
 * @param poolSize          connections of the readers' pool: at most this many queries run at once, the others wait
 * @param timeout           how long one query may run (all its statements); a search answers what it found by
 *                          then, marked partial; anything else fails with a clear error. Also how long a query waits
 *                          for a connection of the readers' pool
 * @param maxRows           backstop: no statement of a query returns more rows than this
 * @param maxTraceSpans     trace detail returns at most this many spans (and logs), the first, with the count left out
 * @param maxLogBodyChars   log bodies in search results are cut to this many characters (flagged {@code bodyTruncated})
 * @param maxCandidates     trace search reads at most this many candidate span runs (and keeps as many candidate spans)
 *                          per round, over all services; compare reads at most this many entry spans per group
 */
@ConfigurationProperties("meridian.query")
public record QueryProperties(@DefaultValue("4") int poolSize,
                              @DefaultValue("10s") Duration timeout,
                              @DefaultValue("1000000") int maxRows,
                              @DefaultValue("10000") int maxTraceSpans,
                              @DefaultValue("16384") int maxLogBodyChars,
                              @DefaultValue("262144") int maxCandidates) {

    public QueryProperties {
        if (poolSize < 1) {
            throw new IllegalArgumentException("meridian.query.pool-size must be at least 1, was " + poolSize);
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("meridian.query.timeout must be at least 1s (JDBC counts whole seconds), was "
                    + timeout);
        }
    }

    public QueryLimits limits() {
        return new QueryLimits(timeout, maxRows, maxTraceSpans, maxLogBodyChars, maxCandidates);
    }
}
