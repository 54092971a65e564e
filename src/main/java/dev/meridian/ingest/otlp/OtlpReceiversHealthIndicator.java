package dev.meridian.ingest.otlp;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.meridian.ingest.IngestPipeline;

/**
 * {@code otlp} in {@code /actuator/health}: UP when both receivers listen, the ingest writer runs and the write-ahead
 * log takes requests (DOWN after a disk error, so that a supervisor restarts the server).
 */
final class OtlpReceiversHealthIndicator implements HealthIndicator {

    private final OtlpEndpoints endpoints;
    private final IngestPipeline pipeline;

    OtlpReceiversHealthIndicator(OtlpEndpoints endpoints, IngestPipeline pipeline) {
        this.endpoints = endpoints;
        this.pipeline = pipeline;
    }

    @Override
    public Health health() {
        boolean up = endpoints.grpcRunning() && endpoints.httpRunning() && pipeline.isHealthy();
        return (up ? Health.up() : Health.down())
                .withDetail("grpc", endpoints.grpcRunning() ? "listening on " + endpoints.grpcPort() : "stopped")
                .withDetail("http", endpoints.httpRunning() ? "listening on " + endpoints.httpPort() : "stopped")
                .withDetail("writer", pipeline.isHealthy() ? "running" : "stopped")
                .withDetail("ingestLog", pipeline.logFailure() == null ? "ok" : "failed: " + pipeline.logFailure())
                .withDetail("queueDepth", pipeline.queueDepth())
                .withDetail("queueCapacity", pipeline.queueCapacity())
                .build();
    }
}
