package dev.meridian.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import dev.meridian.ingest.Signal;
import io.grpc.MethodDescriptor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/** What differs between the three OTLP export services: request type, mapping, response, HTTP path, gRPC method. */
enum OtlpSignal {

    TRACES(Signal.TRACES, "/v1/traces", TraceServiceGrpc.getExportMethod()) {
        @Override
        Message.Builder newRequest() {
            return ExportTraceServiceRequest.newBuilder();
        }

        @Override
        Decoded parseAndMap(byte[] body, OtlpLimits limits) throws InvalidProtocolBufferException {
            return OtlpProtoMapper.spans(ExportTraceServiceRequest.parseFrom(body), limits);
        }

        @Override
        Decoded map(Message request, OtlpLimits limits) {
            return OtlpProtoMapper.spans((ExportTraceServiceRequest) request, limits);
        }

        @Override
        Message response(Decoded decoded) {
            var response = ExportTraceServiceResponse.newBuilder();
            if (decoded.rejected() > 0) {
                response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(decoded.rejected()).setErrorMessage(decoded.errorMessage()));
            }
            return response.build();
        }
    },

    METRICS(Signal.METRICS, "/v1/metrics", MetricsServiceGrpc.getExportMethod()) {
        @Override
        Message.Builder newRequest() {
            return ExportMetricsServiceRequest.newBuilder();
        }

        @Override
        Decoded parseAndMap(byte[] body, OtlpLimits limits) throws InvalidProtocolBufferException {
            return OtlpProtoMapper.metrics(ExportMetricsServiceRequest.parseFrom(body), limits);
        }

        @Override
        Decoded map(Message request, OtlpLimits limits) {
            return OtlpProtoMapper.metrics((ExportMetricsServiceRequest) request, limits);
        }

        @Override
        Message response(Decoded decoded) {
            var response = ExportMetricsServiceResponse.newBuilder();
            if (decoded.rejected() > 0) {
                response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                        .setRejectedDataPoints(decoded.rejected()).setErrorMessage(decoded.errorMessage()));
            }
            return response.build();
        }
    },

    LOGS(Signal.LOGS, "/v1/logs", LogsServiceGrpc.getExportMethod()) {
        @Override
        Message.Builder newRequest() {
            return ExportLogsServiceRequest.newBuilder();
        }

        @Override
        Decoded parseAndMap(byte[] body, OtlpLimits limits) throws InvalidProtocolBufferException {
            return OtlpProtoMapper.logs(ExportLogsServiceRequest.parseFrom(body), limits);
        }

        @Override
        Decoded map(Message request, OtlpLimits limits) {
            return OtlpProtoMapper.logs((ExportLogsServiceRequest) request, limits);
        }

        @Override
        Message response(Decoded decoded) {
            var response = ExportLogsServiceResponse.newBuilder();
            if (decoded.rejected() > 0) {
                response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(decoded.rejected()).setErrorMessage(decoded.errorMessage()));
            }
            return response.build();
        }
    };

    private final Signal signal;
    private final String httpPath;
    private final MethodDescriptor<?, ?> grpcMethod;

    OtlpSignal(Signal signal, String httpPath, MethodDescriptor<?, ?> grpcMethod) {
        this.signal = signal;
        this.httpPath = httpPath;
        this.grpcMethod = grpcMethod;
    }

    Signal signal() {
        return signal;
    }

    String httpPath() {
        return httpPath;
    }

    /** The generated gRPC method; its full name is what clients call. */
    MethodDescriptor<?, ?> grpcMethod() {
        return grpcMethod;
    }

    abstract Message.Builder newRequest();

    abstract Decoded parseAndMap(byte[] body, OtlpLimits limits) throws InvalidProtocolBufferException;

    abstract Decoded map(Message request, OtlpLimits limits);

    Decoded map(Message request) {
        return map(request, OtlpLimits.DEFAULTS);
    }

    /** The export response, with partial_success when items were rejected. */
    abstract Message response(Decoded decoded);

    /** Decodes an OTLP/protobuf body and maps it within the default {@link OtlpLimits}. */
    Decoded decodeProtobuf(byte[] body) throws OtlpDecodingException {
        return decodeProtobuf(body, OtlpLimits.DEFAULTS);
    }

    /**
     * Decodes an OTLP/protobuf body and maps it within {@code limits}. {@link Decoded#protobuf()} is the body, or
     * the request without its rejected items when some were rejected.
     */
    Decoded decodeProtobuf(byte[] body, OtlpLimits limits) throws OtlpDecodingException {
        try {
            Decoded decoded = parseAndMap(body, limits);
            return decoded.protobuf() != null ? decoded : decoded.withProtobuf(body);
        } catch (InvalidProtocolBufferException e) {
            throw new OtlpDecodingException("invalid OTLP/protobuf " + newRequest().getDescriptorForType().getName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Decodes an OTLP/JSON body and maps it within the default {@link OtlpLimits}. */
    Decoded decodeJson(byte[] body) throws OtlpDecodingException {
        return decodeJson(body, OtlpLimits.DEFAULTS);
    }

    /** Decodes an OTLP/JSON body and maps it within {@code limits}; {@link Decoded#protobuf()} holds the accepted items. */
    Decoded decodeJson(byte[] body, OtlpLimits limits) throws OtlpDecodingException {
        Message.Builder request = newRequest();
        OtlpJsonDecoder.merge(body, request);
        Message message = request.build();
        Decoded decoded = map(message, limits);
        return decoded.protobuf() != null ? decoded : decoded.withProtobuf(message.toByteArray());
    }

    /** The type of this signal's requests in the write-ahead log: never change a value, old logs use them. */
    byte logType() {
        return switch (this) {
            case TRACES -> 1;
            case METRICS -> 2;
            case LOGS -> 3;
        };
    }

    static OtlpSignal forLogType(byte type) {
        for (OtlpSignal signal : values()) {
            if (signal.logType() == type) {
                return signal;
            }
        }
        throw new IllegalArgumentException("unknown write-ahead log entry type " + type);
    }

    static OtlpSignal forHttpPath(String path) {
        for (OtlpSignal signal : values()) {
            if (signal.httpPath.equals(path)) {
                return signal;
            }
        }
        return null;
    }
}
