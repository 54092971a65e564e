package dev.meridian.query;

import java.time.Instant;

/** RED figures of one time bucket {@code [bucketStart, bucketStart + step)}; percentiles are NaN when count is 0. */
public record RedPoint(Instant bucketStart, long requestCount, long errorCount, double p50Ms, double p95Ms, double p99Ms) {

    public double errorRate() {
        return requestCount == 0 ? 0 : (double) errorCount / requestCount;
    }
}
