package dev.meridian.query;

public record OperationSummary(String name, long requestCount, long errorCount, double errorRate,
                               double p50Ms, double p95Ms, double p99Ms) {
}
