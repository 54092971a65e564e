package dev.meridian.ingest.otlp;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import com.google.protobuf.ByteString;

import dev.meridian.telemetry.TraceId;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** Small OTLP protobuf requests for receiver tests. */
final class OtlpRequests {

    private OtlpRequests() {
    }

    static TraceId randomTraceId() {
        return new TraceId(ThreadLocalRandom.current().nextLong() | 1, ThreadLocalRandom.current().nextLong());
    }

    static Resource resource(String service) {
        return Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                .setValue(AnyValue.newBuilder().setStringValue(service))).build();
    }

    static Span span(TraceId traceId, int index) {
        long now = System.currentTimeMillis() * 1_000_000L;
        return Span.newBuilder().setTraceId(ByteString.copyFrom(traceId.toBytes()))
                .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(String.format("%016x", index + 1L))))
                .setName("op-" + index).setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(now).setEndTimeUnixNano(now + 1_000_000).build();
    }

    /** {@code count} valid spans of one trace. */
    static ExportTraceServiceRequest spans(TraceId traceId, int count) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < count; i++) {
            scope.addSpans(span(traceId, i));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource("receiver-test")).addScopeSpans(scope)).build();
    }

    static ExportLogsServiceRequest logs(TraceId traceId, String... bodies) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (String body : bodies) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
                    .setTraceId(ByteString.copyFrom(traceId.toBytes())).setBody(AnyValue.newBuilder().setStringValue(body)));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource("receiver-test")).addScopeLogs(scope)).build();
    }
}
