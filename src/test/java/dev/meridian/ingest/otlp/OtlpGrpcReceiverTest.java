package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.meridian.telemetry.TraceId;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/** OTLP/gRPC over a real connection: status codes, messages and partial success, with valid data around intact. */
class OtlpGrpcReceiverTest extends RunningApp {

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };

    private ManagedChannel channel;
    private TraceServiceGrpc.TraceServiceBlockingStub traces;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoints.grpcPort()).usePlaintext().build();
        traces = TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    TraceId exportValidTrace() {
        TraceId traceId = OtlpRequests.randomTraceId();
        ExportTraceServiceResponse response = traces.export(OtlpRequests.spans(traceId, 3));
        assertThat(response.hasPartialSuccess()).isFalse();
        assertThat(api().spans(traceId)).hasSize(3);
        return traceId;
    }

    void assertIntactAround(Runnable badCall) {
        TraceId before = exportValidTrace();
        badCall.run();
        TraceId after = exportValidTrace();
        assertThat(api().spans(before)).hasSize(3);
        assertThat(api().spans(after)).hasSize(3);
    }

    @Test
    void export_gzipCompressed_isStored() {
        TraceId traceId = OtlpRequests.randomTraceId();
        traces.withCompression("gzip").export(OtlpRequests.spans(traceId, 5));

        assertThat(api().spans(traceId)).hasSize(5);
    }

    @Test
    void export_undecodableMessage_failsWithInvalidArgument() {
        assertIntactAround(() -> {
            var method = TraceServiceGrpc.getExportMethod().toBuilder(RAW, RAW).build();
            StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(channel, method, io.grpc.CallOptions.DEFAULT, new byte[] {0x0a, 0x7f, 0x01}));
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(failure.getStatus().getDescription()).contains("invalid OTLP/protobuf ExportTraceServiceRequest");
        });
    }

    @Test
    void export_spansWithInvalidIds_storesTheRestAndReportsPartialSuccess() {
        TraceId traceId = OtlpRequests.randomTraceId();
        ExportTraceServiceRequest.Builder request = OtlpRequests.spans(traceId, 2).toBuilder();
        request.getResourceSpansBuilder(0).getScopeSpansBuilder(0)
                .addSpans(OtlpRequests.span(traceId, 5).toBuilder().setSpanId(ByteString.copyFrom(new byte[7])))
                .addSpans(OtlpRequests.span(traceId, 6).toBuilder().setParentSpanId(ByteString.copyFrom(new byte[2])));

        assertIntactAround(() -> {
            ExportTraceServiceResponse response = traces.export(request.build());
            assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
            assertThat(response.getPartialSuccess().getErrorMessage())
                    .contains("span_id must be 8 bytes, was 7", "parent_span_id must be empty or 8 bytes, was 2");
        });
        assertThat(api().spans(traceId)).hasSize(2);
    }

    @Test
    void export_messageOverTheLimit_failsWithResourceExhausted() {
        String big = "x".repeat(64 * 1024 * 1024);
        ExportTraceServiceRequest.Builder request = OtlpRequests.spans(OtlpRequests.randomTraceId(), 1).toBuilder();
        request.getResourceSpansBuilder(0).getResourceBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("huge").setValue(AnyValue.newBuilder().setStringValue(big)));

        assertIntactAround(() -> {
            StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, () -> traces.export(request.build()));
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(failure.getStatus().getDescription()).containsIgnoringCase("exceeds maximum");
        });
    }

    @Test
    void export_gzipMessageInflatingOverTheLimit_failsWithResourceExhausted() {
        String big = "0".repeat(65 * 1024 * 1024); // about 64 KiB gzipped
        ExportTraceServiceRequest.Builder request = OtlpRequests.spans(OtlpRequests.randomTraceId(), 1).toBuilder();
        request.getResourceSpansBuilder(0).getResourceBuilder()
                .addAttributes(KeyValue.newBuilder().setKey("bomb").setValue(AnyValue.newBuilder().setStringValue(big)));

        assertIntactAround(() -> {
            StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class,
                    () -> traces.withCompression("gzip").export(request.build()));
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(failure.getStatus().getDescription()).containsIgnoringCase("exceeds maximum");
        });
    }

    @Test
    void logsExport_wrongLengthTraceId_rejectsThatRecordOnly() {
        TraceId traceId = OtlpRequests.randomTraceId();
        var request = OtlpRequests.logs(traceId, "one", "two").toBuilder();
        request.getResourceLogsBuilder(0).getScopeLogsBuilder(0).getLogRecordsBuilder(1).setTraceId(ByteString.copyFrom(new byte[15]));

        var response = LogsServiceGrpc.newBlockingStub(channel).export(request.build());

        assertThat(response.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
        assertThat(response.getPartialSuccess().getErrorMessage()).contains("trace_id must be empty or 16 bytes, was 15");
        assertThat(api().logs(traceId)).extracting(log -> log.path("body").asString()).containsExactly("one");
    }
}
