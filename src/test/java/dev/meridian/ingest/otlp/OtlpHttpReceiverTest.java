package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.rpc.Status;

import dev.meridian.telemetry.TraceId;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import tools.jackson.databind.JsonNode;

/**
 * OTLP/HTTP over a real socket: every way a request can be wrong gets its status and a message saying what
 * was wrong, and valid data sent before and after it is stored intact.
 */
class OtlpHttpReceiverTest extends RunningApp {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON_TYPE = "application/json";
    private static final long LIMIT = 64L * 1024 * 1024;

    // ---- helpers ----------------------------------------------------------------------------------------

    HttpResponse<byte[]> post(String path, String contentType, String encoding, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(otlpHttp(path))).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return send(request.build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends three valid spans of a new trace and checks they are stored; returns the trace id. */
    TraceId sendValidTrace() {
        TraceId traceId = OtlpRequests.randomTraceId();
        HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, null, OtlpRequests.spans(traceId, 3).toByteArray());
        assertThat(response.statusCode()).as(() -> new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(api().spans(traceId)).hasSize(3);
        return traceId;
    }

    /** Valid data sent before a bad request is still there after it, and the server takes valid data after it. */
    void assertIntactAround(Runnable badRequest) {
        TraceId before = sendValidTrace();
        badRequest.run();
        TraceId after = sendValidTrace();
        assertThat(api().spans(before)).hasSize(3)
                .allSatisfy(span -> assertThat(span.path("service").asString()).isEqualTo("receiver-test"));
        assertThat(api().spans(after)).hasSize(3);
    }

    /** Now in epoch nanos: items older than the retention period are rejected. */
    static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    static Status protobufStatus(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
        try {
            return Status.parseFrom(response.body());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("error body is not a google.rpc.Status: " + e.getMessage());
        }
    }

    static JsonNode jsonBody(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
        return JSON.readTree(response.body());
    }

    // ---- success --------------------------------------------------------------------------------------

    @Test
    void postTraces_protobuf_answersEmptyExportResponseAfterStoring() throws Exception {
        TraceId traceId = OtlpRequests.randomTraceId();
        HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, null, OtlpRequests.spans(traceId, 2).toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        assertThat(api().spans(traceId)).hasSize(2);
    }

    @Test
    void postTraces_jsonWithCharsetAndUpperCaseHexIds_answersJson() {
        TraceId traceId = OtlpRequests.randomTraceId();
        long start = now();
        String json = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-svc"}}]},
                  "scopeSpans":[{"spans":[{"traceId":"%s","spanId":"00F067AA0BA902B7","name":"GET /","kind":2,
                    "startTimeUnixNano":"%d","endTimeUnixNano":%d}]}]}]}
                """.formatted(traceId.toHex().toUpperCase(), start, start + 500_000_000L);
        HttpResponse<byte[]> response = post("/v1/traces", "application/json; charset=utf-8", null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jsonBody(response).isObject()).isTrue();
        assertThat(api().spans(traceId)).singleElement().satisfies(span -> {
            assertThat(span.path("spanId").asString()).isEqualTo("00f067aa0ba902b7");
            assertThat(span.path("durationMs").asDouble()).isEqualTo(500.0);
            assertThat(span.path("service").asString()).isEqualTo("json-svc");
        });
    }

    @Test
    void postTraces_gzipProtobuf_isInflatedAndStored() throws IOException {
        TraceId traceId = OtlpRequests.randomTraceId();
        HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, "gzip", gzip(OtlpRequests.spans(traceId, 4).toByteArray()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api().spans(traceId)).hasSize(4);
    }

    @Test
    void http2_upgradedByARequestWithoutBody_carriesExportsOnTheSameConnection() throws Exception {
        java.net.http.HttpClient h2 = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        HttpResponse<byte[]> get = h2.send(HttpRequest.newBuilder(URI.create(otlpHttp("/v1/traces"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);

        TraceId traceId = OtlpRequests.randomTraceId();
        HttpResponse<byte[]> post = h2.send(HttpRequest.newBuilder(URI.create(otlpHttp("/v1/traces")))
                .header("Content-Type", PROTOBUF).POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.spans(traceId, 3).toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(api().spans(traceId)).hasSize(3);
    }

    @Test
    void http2Client_firstRequestWithBody_isAnsweredOverHttp11() {
        java.net.http.HttpClient h2 = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        TraceId traceId = OtlpRequests.randomTraceId();
        HttpResponse<byte[]> response = send(h2, HttpRequest.newBuilder(URI.create(otlpHttp("/v1/traces"))).header("Content-Type", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.spans(traceId, 2).toByteArray())).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api().spans(traceId)).hasSize(2);
    }

    static HttpResponse<byte[]> send(java.net.http.HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- partial success -----------------------------------------------------------------------------

    @Test
    void postTraces_spansWithInvalidIds_storesTheValidOnesAndReportsPartialSuccess() throws Exception {
        TraceId traceId = OtlpRequests.randomTraceId();
        ExportTraceServiceRequest.Builder request = OtlpRequests.spans(traceId, 2).toBuilder();
        var scope = request.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
        scope.addSpans(OtlpRequests.span(traceId, 7).toBuilder().setTraceId(ByteString.copyFrom(new byte[4])).setName("short-trace-id"));
        scope.addSpans(OtlpRequests.span(traceId, 8).toBuilder().setTraceId(ByteString.copyFrom(new byte[16])).setName("zero-trace-id"));
        scope.addSpans(OtlpRequests.span(traceId, 9).toBuilder().setSpanId(ByteString.copyFrom(new byte[8])).setName("zero-span-id"));
        long rejectedBefore = api().stats().path("traces").path("rejected").asLong();

        assertIntactAround(() -> {
            HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, null, request.build().toByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            ExportTraceServiceResponse body = parse(response);
            assertThat(body.getPartialSuccess().getRejectedSpans()).isEqualTo(3);
            assertThat(body.getPartialSuccess().getErrorMessage())
                    .contains("3 spans rejected", "'short-trace-id'", "trace_id must be 16 bytes, was 4",
                            "trace_id must not be all zero", "span_id must not be all zero");
        });
        assertThat(api().spans(traceId)).extracting(span -> span.path("name").asString()).containsExactlyInAnyOrder("op-0", "op-1");
        assertThat(api().stats().path("traces").path("rejected").asLong()).isEqualTo(rejectedBefore + 3);
    }

    @Test
    void postLogs_json_logWithWrongLengthTraceIdIsRejectedAlone() {
        TraceId traceId = OtlpRequests.randomTraceId();
        String json = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-logs-test"}}]},
                  "scopeLogs":[{"logRecords":[
                  {"timeUnixNano":"%2$d","body":{"stringValue":"kept"},"traceId":"%1$s"},
                  {"timeUnixNano":"%2$d","body":{"stringValue":"dropped"},"traceId":"0102"},
                  {"timeUnixNano":"%2$d","body":{"stringValue":"uncorrelated"}}]}]}]}
                """.formatted(traceId.toHex(), now());
        HttpResponse<byte[]> response = post("/v1/logs", JSON_TYPE, null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode partial = jsonBody(response).path("partialSuccess");
        assertThat(partial.path("rejectedLogRecords").asLong()).isEqualTo(1);
        assertThat(partial.path("errorMessage").asString()).contains("logRecords[1]", "trace_id must be empty or 16 bytes, was 2");
        assertThat(api().logs(traceId)).extracting(log -> log.path("body").asString()).containsExactly("kept");
        assertThat(api().logsOf("json-logs-test")).extracting(log -> log.path("body").asString())
                .containsExactlyInAnyOrder("kept", "uncorrelated");
    }

    @Test
    void postLogs_protobufLogWithWrongLengthSpanId_reportsRejectedLogRecords() throws Exception {
        TraceId traceId = OtlpRequests.randomTraceId();
        var request = OtlpRequests.logs(traceId, "a", "b").toBuilder();
        request.getResourceLogsBuilder(0).getScopeLogsBuilder(0)
                .addLogRecords(LogRecord.newBuilder().setSpanId(ByteString.copyFrom(new byte[3])));
        HttpResponse<byte[]> response = post("/v1/logs", PROTOBUF, null, request.build().toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        var partial = ExportLogsServiceResponse.parseFrom(response.body()).getPartialSuccess();
        assertThat(partial.getRejectedLogRecords()).isEqualTo(1);
        assertThat(partial.getErrorMessage()).contains("span_id must be empty or 8 bytes, was 3");
        assertThat(api().logs(traceId)).hasSize(2);
    }

    // ---- bad requests ----------------------------------------------------------------------------------

    @Test
    void post_undecodableProtobuf_answers400WithStatus() {
        assertIntactAround(() -> {
            HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, null, new byte[] {0x0a, 0x7f, 0x01, 0x02});
            assertThat(response.statusCode()).isEqualTo(400);
            Status status = protobufStatus(response);
            assertThat(status.getCode()).isEqualTo(com.google.rpc.Code.INVALID_ARGUMENT_VALUE);
            assertThat(status.getMessage()).contains("invalid OTLP/protobuf ExportTraceServiceRequest");
        });
    }

    @Test
    void post_malformedJson_answers400WithJsonStatusNamingThePlace() {
        assertIntactAround(() -> {
            HttpResponse<byte[]> response = post("/v1/traces", JSON_TYPE, null,
                    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\": }]}]}]}".getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode status = jsonBody(response);
            assertThat(status.path("code").asInt()).isEqualTo(3);
            assertThat(status.path("message").asString()).contains("invalid OTLP/JSON", "$.resourceSpans[0].scopeSpans[0].spans[0]");
        });
    }

    @Test
    void post_jsonWithBase64InsteadOfHexId_answers400() {
        HttpResponse<byte[]> response = post("/v1/traces", JSON_TYPE, null,
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"W5a+kY6rQ6+jGd0ZW5a+kQ==\"}]}]}]}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(jsonBody(response).path("message").asString()).contains("'traceId' must be hex");
    }

    @Test
    void post_unsupportedContentType_answers415() {
        assertIntactAround(() -> {
            HttpResponse<byte[]> response = post("/v1/traces", "text/plain", null, "hello".getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(jsonBody(response).path("message").asString())
                    .contains("unsupported content type 'text/plain'", "application/x-protobuf", "application/json");
        });
    }

    @Test
    void post_missingContentType_answers415() {
        HttpResponse<byte[]> response = post("/v1/traces", null, null, new byte[0]);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(jsonBody(response).path("message").asString()).contains("unsupported content type 'null'");
    }

    @Test
    void post_unsupportedContentEncoding_answers415InTheRequestContentType() {
        assertIntactAround(() -> {
            HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, "br", new byte[] {1, 2, 3});
            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(protobufStatus(response).getMessage()).contains("unsupported content encoding 'br'", "gzip");
        });
    }

    @Test
    void post_gzipHeaderButPlainBody_answers400() {
        assertIntactAround(() -> {
            HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, "gzip", OtlpRequests.spans(OtlpRequests.randomTraceId(), 1).toByteArray());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(protobufStatus(response).getMessage()).contains("invalid gzip body");
        });
    }

    @Test
    void get_answers405WithAllowPost() {
        assertIntactAround(() -> {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(otlpHttp("/v1/metrics"))).GET().build());
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            assertThat(jsonBody(response).path("message").asString()).contains("method GET is not allowed on /v1/metrics");
        });
    }

    @Test
    void post_unknownPath_answers404() {
        assertIntactAround(() -> {
            HttpResponse<byte[]> response = post("/v1/profiles", PROTOBUF, null, new byte[0]);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(protobufStatus(response).getMessage()).contains("no OTLP endpoint at '/v1/profiles'", "/v1/traces");
        });
    }

    @Test
    void post_contentLengthOverLimit_answers413WithoutWaitingForTheBody() {
        assertIntactAround(() -> {
            try (Socket socket = new Socket("127.0.0.1", endpoints.httpPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-protobuf\r\n"
                        + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(socket.getInputStream());
                assertThat(head).startsWith("HTTP/1.1 413");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void post_streamedBodyOverLimit_answers413() {
        assertIntactAround(() -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(otlpHttp("/v1/traces")))
                    .header("Content-Type", PROTOBUF)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(LIMIT + 1024 * 1024))).build();
            HttpResponse<byte[]> response = send(request);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(protobufStatus(response).getMessage()).contains("larger than the limit of " + LIMIT + " bytes");
        });
    }

    @Test
    void post_gzipBomb_isStoppedWhileInflating() throws IOException {
        byte[] bomb = gzip(new ZeroStream(1L << 30)); // 1 GiB of zeros, about 1 MiB gzipped
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);

        assertIntactAround(() -> {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = post("/v1/logs", PROTOBUF, "gzip", bomb);
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(protobufStatus(response).getMessage())
                    .contains("larger than the limit of " + LIMIT + " bytes after decompression");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        });
    }

    // ---- the application around the receivers ----------------------------------------------------------

    @Test
    void ingestStats_countsAcceptedItemsPerSignal() {
        long before = api().stats().path("traces").path("accepted").asLong();
        sendValidTrace();

        JsonNode stats = api().stats();
        assertThat(stats.path("traces").path("accepted").asLong()).isEqualTo(before + 3);
        assertThat(stats.path("logs").has("rejected")).isTrue();
        assertThat(stats.path("metrics").has("accepted")).isTrue();
        assertThat(stats.path("queueDepth").asInt()).isZero();
        assertThat(stats.path("queueCapacity").asInt()).isEqualTo(100_000);
    }

    @Test
    void actuatorHealth_reportsTheReceiversUp() {
        JsonNode health = api().health();

        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode otlp = health.path("components").path("otlp");
        assertThat(otlp.path("status").asString()).isEqualTo("UP");
        assertThat(otlp.path("details").path("http").asString()).isEqualTo("listening on " + endpoints.httpPort());
        assertThat(otlp.path("details").path("grpc").asString()).isEqualTo("listening on " + endpoints.grpcPort());
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
    }

    // ---- plumbing ----------------------------------------------------------------------------------------

    private static ExportTraceServiceResponse parse(HttpResponse<byte[]> response) {
        try {
            return ExportTraceServiceResponse.parseFrom(response.body());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        return gzip(new java.io.ByteArrayInputStream(bytes));
    }

    static byte[] gzip(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024)) {
            in.transferTo(zip);
        }
        return out.toByteArray();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && head.indexOf("\r\n\r\n") < 0; ) {
            head.append((char) b);
        }
        return head.toString();
    }

    /** {@code length} zero bytes, produced as they are read. */
    static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
