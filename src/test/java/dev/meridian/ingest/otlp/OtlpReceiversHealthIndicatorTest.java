package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import dev.meridian.config.OtlpProperties;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestStats;

class OtlpReceiversHealthIndicatorTest {

    final OtlpProperties properties = TestProperties.otlp("bind-address", "127.0.0.1", "grpc-port", "0", "http-port", "0",
            "max-body-bytes", "1MB", "max-inflight-bytes", "4MB", "queue-capacity", "100", "max-write-items", "100", "write-timeout", "5s");
    final IngestPipeline pipeline = new IngestPipeline(batch -> { }, 100, 100, Duration.ofSeconds(1), new IngestStats());
    final OtlpIngest ingest = new OtlpIngest(pipeline, properties.writeTimeout());
    final InflightBytes inflight = new InflightBytes(properties.maxInflightBytes().toBytes());
    final OtlpGrpcReceiver grpc = new OtlpGrpcReceiver(properties, ingest, inflight);
    final OtlpHttpReceiver http = new OtlpHttpReceiver(properties, ingest, inflight);
    final OtlpReceiversHealthIndicator health = new OtlpReceiversHealthIndicator(new OtlpEndpoints(grpc, http), pipeline);

    @Test
    void health_isUpOnlyWhileBothReceiversAndTheWriterRun() {
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        pipeline.start();
        grpc.start();
        http.start();
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("http", "listening on " + http.port())
                    .containsEntry("grpc", "listening on " + grpc.port()).containsEntry("writer", "running");

            http.stop();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("http", "stopped");
        } finally {
            http.stop();
            grpc.stop();
            pipeline.stop();
        }
        assertThat(grpc.port()).isEqualTo(-1);
    }
}
