package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.meridian.config.OtlpProperties;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestStats;
import dev.meridian.telemetry.TraceId;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/**
 * Graceful stop in the order the Spring context uses (receivers, then the pipeline): a request whose batch
 * is being written when the stop begins still gets its commit and its success answer.
 */
class OtlpReceiverShutdownTest {

    final OtlpProperties properties = TestProperties.otlp("bind-address", "127.0.0.1", "grpc-port", "0", "http-port", "0",
            "max-body-bytes", "1MB", "max-inflight-bytes", "4MB", "queue-capacity", "100", "max-write-items", "100", "write-timeout", "10s");
    final RecordingTelemetryWriter stored = new RecordingTelemetryWriter();
    final IngestPipeline pipeline = new IngestPipeline(stored, 100, 100, Duration.ofSeconds(1), new IngestStats());
    final OtlpIngest ingest = new OtlpIngest(pipeline, properties.writeTimeout());
    final InflightBytes inflight = new InflightBytes(properties.maxInflightBytes().toBytes());
    final OtlpHttpReceiver http = new OtlpHttpReceiver(properties, ingest, inflight);
    final OtlpGrpcReceiver grpc = new OtlpGrpcReceiver(properties, ingest, inflight);

    @AfterEach
    void cleanUp() {
        stored.unblock();
        http.stop();
        grpc.stop();
        pipeline.stop();
    }

    @Test
    void stop_letsRequestsInProgressFinishWithTheirCommit() throws Exception {
        pipeline.start();
        http.start();
        grpc.start();
        int httpPort = http.port();
        var channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
        CountDownLatch writing = stored.block();
        TraceId overHttp = OtlpRequests.randomTraceId();
        TraceId overGrpc = OtlpRequests.randomTraceId();
        var httpAnswer = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.spans(overHttp, 2).toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        var grpcAnswer = TraceServiceGrpc.newFutureStub(channel).export(OtlpRequests.spans(overGrpc, 3));
        while (pipeline.queueDepth() == 0) {
            Thread.sleep(5);
        }

        Thread stopping = Thread.ofPlatform().start(() -> {
            http.stop();
            grpc.stop();
            pipeline.stop();
        });
        Thread.sleep(200); // the stop has begun: no new connections
        assertThat(http.isRunning()).isFalse();
        stored.unblock();
        stopping.join(30_000);

        assertThat(httpAnswer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(grpcAnswer.get(10, TimeUnit.SECONDS).hasPartialSuccess()).isFalse();
        assertThat(stored.spansOf(overHttp)).hasSize(2);
        assertThat(stored.spansOf(overGrpc)).hasSize(3);
        assertThat(pipeline.isRunning()).isFalse();
        channel.shutdownNow();
    }
}
