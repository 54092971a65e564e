package dev.meridian.query;

/** RED figures of one service over a window, from rollups; requests are its SERVER/CONSUMER and root spans. */
public record ServiceSummary(String name, long spanCount, long requestCount, long errorCount, double errorRate,
                             double p50Ms, double p95Ms, double p99Ms) {
}
