package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;

import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.telemetry.TraceId;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/**
 * Overload and storage failure. The writer here is the in-memory test double, held back or failing on
 * command: a user cannot easily make a real database slow or broken on cue. A queue of 10 items, and 2 MB of
 * request bytes in flight.
 */
// Requests here wait for their commit while the writer is held back (no write-ahead log): that is how the queue
// and the byte budget fill. IngestPipelineTest covers the queue bound with the log.
@TestPropertySource(properties = {"meridian.ingest-log.enabled=false", "meridian.otlp.queue-capacity=10", "meridian.otlp.max-body-bytes=2MB",
        "meridian.otlp.max-inflight-bytes=2MB"})
@Import(RecordingStorageConfiguration.class)
class OtlpBackpressureTest extends RunningApp {

    @Autowired
    IngestPipeline pipeline;

    @Autowired
    RecordingTelemetryWriter stored;

    @Autowired
    InflightBytes inflight;

    @AfterEach
    void releaseWriter() {
        stored.unblock();
        stored.heal();
    }

    CompletableFuture<HttpResponse<byte[]>> postAsync(TraceId traceId, int spans) {
        return HTTP.sendAsync(request(traceId, spans), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> post(TraceId traceId, int spans) throws Exception {
        return HTTP.send(request(traceId, spans), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(TraceId traceId, int spans) {
        return HttpRequest.newBuilder(URI.create(otlpHttp("/v1/traces"))).header("Content-Type", "application/x-protobuf")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.spans(traceId, spans).toByteArray())).build();
    }

    @Test
    void fullQueue_answers429WithRetryAfterOverHttpAndResourceExhaustedOverGrpc() throws Exception {
        TraceId before = OtlpRequests.randomTraceId();
        assertThat(post(before, 3).statusCode()).isEqualTo(200);

        CountDownLatch writing = stored.block();
        TraceId inWriter = OtlpRequests.randomTraceId();
        var first = postAsync(inWriter, 5);
        assertThat(writing.await(10, TimeUnit.SECONDS)).as("the writer took the first batch").isTrue();
        TraceId queued = OtlpRequests.randomTraceId();
        var second = postAsync(queued, 5);
        awaitQueueDepth(5);

        TraceId refused = OtlpRequests.randomTraceId();
        HttpResponse<byte[]> overloaded = post(refused, 6);
        assertThat(overloaded.statusCode()).isEqualTo(429);
        assertThat(overloaded.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Status.parseFrom(overloaded.body()).getMessage())
                .contains("ingest queue is full: 5 of 10 items are waiting", "this request has 6");

        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoints.grpcPort()).usePlaintext().build();
        try {
            TraceId refusedGrpc = OtlpRequests.randomTraceId();
            StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
                    () -> TraceServiceGrpc.newBlockingStub(channel).export(OtlpRequests.spans(refusedGrpc, 6)));
            assertThat(failure.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
            assertThat(failure.getStatus().getDescription()).contains("ingest queue is full");
            var details = StatusProto.fromThrowable(failure).getDetailsList();
            assertThat(details).singleElement().satisfies(any ->
                    assertThat(any.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(1));
            assertThat(api().stats().path("queueDepth").asInt()).isEqualTo(5);

            stored.unblock();
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(stored.spansOf(refused)).isEmpty();
            assertThat(stored.spansOf(refusedGrpc)).isEmpty();
        } finally {
            channel.shutdownNow();
        }
        TraceId after = OtlpRequests.randomTraceId();
        assertThat(post(after, 3).statusCode()).isEqualTo(200);
        assertThat(stored.spansOf(before)).hasSize(3);
        assertThat(stored.spansOf(inWriter)).hasSize(5);
        assertThat(stored.spansOf(queued)).hasSize(5);
        assertThat(stored.spansOf(after)).hasSize(3);
    }

    @Test
    void bytesInFlightOverBudget_answers429OverHttpAndResourceExhaustedOverGrpc() throws Exception {
        CountDownLatch writing = stored.block();
        TraceId big = OtlpRequests.randomTraceId();
        var held = HTTP.sendAsync(bigRequest(big), HttpResponse.BodyHandlers.ofByteArray()); // 1.2 MB waits for its commit
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        TraceId refused = OtlpRequests.randomTraceId();
        HttpResponse<byte[]> overloaded = HTTP.send(bigRequest(refused), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(overloaded.statusCode()).isEqualTo(429);
        assertThat(overloaded.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Status.parseFrom(overloaded.body()).getMessage())
                .contains("request bytes are in flight (meridian.otlp.max-inflight-bytes)");

        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoints.grpcPort()).usePlaintext().build();
        try {
            StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
                    () -> TraceServiceGrpc.newBlockingStub(channel).export(bigSpans(OtlpRequests.randomTraceId())));
            assertThat(failure.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
            assertThat(failure.getStatus().getDescription()).contains("request bytes are in flight");
        } finally {
            channel.shutdownNow();
        }

        stored.unblock();
        assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stored.spansOf(big)).hasSize(1);
        assertThat(stored.spansOf(refused)).isEmpty();
        TraceId after = OtlpRequests.randomTraceId();
        assertThat(HTTP.send(bigRequest(after), HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
        assertThat(stored.spansOf(after)).hasSize(1);
    }

    @Test
    void concurrentLargeGrpcExportsBeyondTheBudget_failWithResourceExhausted_andANormalExportSucceedsAfterwards() throws Exception {
        stored.block(); // an accepted export holds its 1.2 MB until its commit: at most one fits the 2 MB budget
        List<ManagedChannel> channels = new ArrayList<>();
        List<TraceId> traceIds = new ArrayList<>();
        List<ListenableFuture<ExportTraceServiceResponse>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoints.grpcPort()).usePlaintext().build();
                channels.add(channel);
                TraceId traceId = OtlpRequests.randomTraceId();
                traceIds.add(traceId);
                calls.add(TraceServiceGrpc.newFutureStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).export(bigSpans(traceId)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (calls.stream().filter(Future::isDone).count() < calls.size() - 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            stored.unblock();

            int refused = 0;
            for (int i = 0; i < calls.size(); i++) {
                try {
                    calls.get(i).get(30, TimeUnit.SECONDS);
                    assertThat(stored.spansOf(traceIds.get(i))).hasSize(1);
                } catch (ExecutionException e) {
                    io.grpc.Status status = io.grpc.Status.fromThrowable(e.getCause());
                    assertThat(status.getCode()).as(status.toString()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(status.getDescription()).contains("request bytes are in flight");
                    assertThat(stored.spansOf(traceIds.get(i))).isEmpty();
                    refused++;
                }
            }
            assertThat(refused).as("exports refused while one held the budget").isGreaterThanOrEqualTo(calls.size() - 1);

            TraceId after = OtlpRequests.randomTraceId();
            TraceServiceGrpc.newBlockingStub(channels.getFirst()).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .export(OtlpRequests.spans(after, 3));
            assertThat(stored.spansOf(after)).hasSize(3);
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inflight.used() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(inflight.used()).as("request bytes still reserved").isZero();
    }

    /** One span carrying a 1.2 MB attribute: more than half the in-flight budget. */
    private static io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest bigSpans(TraceId traceId) {
        var request = OtlpRequests.spans(traceId, 1).toBuilder();
        request.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilder(0).addAttributes(
                io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("payload").setValue(
                        io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("p".repeat(1_200_000))));
        return request.build();
    }

    private HttpRequest bigRequest(TraceId traceId) {
        return HttpRequest.newBuilder(URI.create(otlpHttp("/v1/traces"))).header("Content-Type", "application/x-protobuf")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(bigSpans(traceId).toByteArray())).build();
    }

    @Test
    void writerFailure_answers503OverHttpAndUnavailableOverGrpc_andTheServerKeepsRunning() throws Exception {
        TraceId before = OtlpRequests.randomTraceId();
        assertThat(post(before, 3).statusCode()).isEqualTo(200);

        stored.failWith(new IllegalStateException("disk full"));
        HttpResponse<byte[]> failed = post(OtlpRequests.randomTraceId(), 2);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(Status.parseFrom(failed.body()).getMessage()).contains("storage failed", "disk full");

        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoints.grpcPort()).usePlaintext().build();
        try {
            StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
                    () -> TraceServiceGrpc.newBlockingStub(channel).export(OtlpRequests.spans(OtlpRequests.randomTraceId(), 2)));
            assertThat(failure.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
            assertThat(failure.getStatus().getDescription()).contains("disk full");
        } finally {
            channel.shutdownNow();
        }
        stored.heal();

        TraceId after = OtlpRequests.randomTraceId();
        assertThat(post(after, 3).statusCode()).isEqualTo(200);
        assertThat(stored.spansOf(before)).hasSize(3);
        assertThat(stored.spansOf(after)).hasSize(3);
        assertThat(api().health().path("components").path("otlp").path("status").asString()).isEqualTo("UP");
    }

    private void awaitQueueDepth(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pipeline.queueDepth() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pipeline.queueDepth()).isEqualTo(expected);
    }
}
