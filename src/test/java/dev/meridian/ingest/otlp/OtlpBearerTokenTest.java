package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.google.rpc.Code;
import com.google.rpc.Status;

import dev.meridian.telemetry.TraceId;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import tools.jackson.databind.JsonNode;

/**
 * With {@code meridian.otlp.bearer-tokens} set, both receivers store only what comes with
 * {@code Authorization: Bearer <one of the tokens>}: the real OpenTelemetry SDK exporters with no token, a
 * wrong token and each right token; and the exact refusals (HTTP 401 with a google.rpc.Status body and
 * {@code WWW-Authenticate: Bearer}, gRPC UNAUTHENTICATED).
 */
class OtlpBearerTokenTest extends GuardedReceiversApp {

    static {
        SdkSenders.preferJdkHttpSender();
    }

    enum Transport { HTTP, GRPC }

    enum Credentials {
        NONE(null, false), WRONG("Bearer not-" + TOKEN, false), LOWER_CASE_SCHEME("bearer " + TOKEN, true),
        RIGHT("Bearer " + TOKEN, true), OTHER_RIGHT("Bearer " + OTHER_TOKEN, true);

        final String authorization;
        final boolean accepted;

        Credentials(String authorization, boolean accepted) {
            this.authorization = authorization;
            this.accepted = accepted;
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sdkSpanExporter_isStoredOnlyWithAConfiguredToken(Transport transport) {
        for (Credentials credentials : Credentials.values()) {
            TraceId traceId = export(transport, credentials);

            assertThat(api().spans(traceId)).as("%s with %s", transport, credentials).hasSize(credentials.accepted ? 1 : 0);
        }
    }

    private TraceId export(Transport transport, Credentials credentials) {
        SpanExporter exporter;
        if (transport == Transport.HTTP) {
            var builder = OtlpHttpSpanExporter.builder().setEndpoint(otlpHttp("/v1/traces")).setTimeout(Duration.ofSeconds(20));
            if (credentials.authorization != null) {
                builder.addHeader("Authorization", credentials.authorization);
            }
            exporter = builder.build();
        } else {
            var builder = OtlpGrpcSpanExporter.builder().setEndpoint(otlpGrpc()).setTimeout(Duration.ofSeconds(20));
            if (credentials.authorization != null) {
                builder.addHeader("Authorization", credentials.authorization);
            }
            exporter = builder.build();
        }
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.builder().put("service.name", "bearer-token-test").build()))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        try {
            var span = provider.get("dev.meridian.test").spanBuilder("with-" + credentials.name().toLowerCase()).startSpan();
            span.end();
            assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                    .as("%s export with %s succeeded", transport, credentials).isEqualTo(credentials.accepted);
            return TraceId.fromHex(span.getSpanContext().getTraceId());
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void httpWithoutToken_answers401WithProtobufStatusAndChallenge() throws Exception {
        HttpResponse<byte[]> response = post("application/x-protobuf", null,
                OtlpRequests.spans(OtlpRequests.randomTraceId(), 1).toByteArray());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        Status status = Status.parseFrom(response.body());
        assertThat(status.getCode()).isEqualTo(Code.UNAUTHENTICATED_VALUE);
        assertThat(status.getMessage()).contains("bearer token", "meridian.otlp.bearer-tokens");
    }

    @Test
    void httpWithWrongToken_answers401WithJsonStatusForAJsonRequest() {
        HttpResponse<byte[]> response = post("application/json", "Bearer " + TOKEN + "x",
                "{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("code").asInt()).isEqualTo(Code.UNAUTHENTICATED_VALUE);
    }

    @Test
    void grpcWithoutOrWithWrongToken_failsUnauthenticated_andWithTheTokenStores() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoints.grpcPort()).usePlaintext().build();
        try {
            var stub = TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
            StatusRuntimeException none = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub.export(OtlpRequests.spans(OtlpRequests.randomTraceId(), 1)));
            assertThat(none.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
            assertThat(none.getStatus().getDescription()).contains("bearer token");

            StatusRuntimeException wrong = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub.withInterceptors(authorization("Bearer nope")).export(OtlpRequests.spans(OtlpRequests.randomTraceId(), 1)));
            assertThat(wrong.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);

            TraceId traceId = OtlpRequests.randomTraceId();
            stub.withInterceptors(authorization("Bearer " + TOKEN)).export(OtlpRequests.spans(traceId, 2));
            assertThat(api().spans(traceId)).hasSize(2);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static io.grpc.ClientInterceptor authorization(String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private HttpResponse<byte[]> post(String contentType, String authorization, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(otlpHttp("/v1/traces"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return OtlpHttpReceiverTest.send(request.build());
    }
}
