package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.meridian.telemetry.TraceId;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * Hostile values through the running server (issue 7): each used to hang a core or fail the whole request with 503;
 * now the request is refused with 400 at once, or the bad items alone are rejected and the rest is stored.
 */
class OtlpHostileInputTest extends RunningApp {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final long SECOND = 1_000_000_000L;

    HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
        // the timeout only ends a hang (the server used to work on this request for hours)
        HttpRequest request = HttpRequest.newBuilder(URI.create(otlpHttp(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return OtlpHttpReceiverTest.send(request);
    }

    TraceId sendValidTrace() {
        TraceId traceId = OtlpRequests.randomTraceId();
        assertThat(post("/v1/traces", PROTOBUF, OtlpRequests.spans(traceId, 3).toByteArray()).statusCode()).isEqualTo(200);
        assertThat(api().spans(traceId)).hasSize(3);
        return traceId;
    }

    @Test
    void postTraces_jsonTimeWithAHugeExponent_answers400AtOnceAndTheServerGoesOn() {
        TraceId before = sendValidTrace();
        String json = """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
                  "spanId":"eee19b7ec3c1b174","name":"x","startTimeUnixNano":"1e400000000","endTimeUnixNano":"1"}]}]}]}""";

        for (int i = 0; i < 4; i++) { // more requests than this machine has cores
            HttpResponse<byte[]> response = post("/v1/traces", "application/json", json.getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("startTimeUnixNano", "is out of range: 1e400000000");
        }

        TraceId after = sendValidTrace();
        assertThat(api().spans(before)).hasSize(3);
        assertThat(api().spans(after)).hasSize(3);
    }

    @Test
    void postLogs_oneRecordWithSeverity40000_isRejectedAloneAndTheOthersAreStored() throws Exception {
        TraceId traceId = OtlpRequests.randomTraceId();
        var request = OtlpRequests.logs(traceId, "before", "loud", "after").toBuilder();
        request.getResourceLogsBuilder(0).getScopeLogsBuilder(0).getLogRecordsBuilder(1).setSeverityNumberValue(40_000);

        HttpResponse<byte[]> response = post("/v1/logs", PROTOBUF, request.build().toByteArray());

        assertThat(response.statusCode()).as(() -> new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        var partial = ExportLogsServiceResponse.parseFrom(response.body()).getPartialSuccess();
        assertThat(partial.getRejectedLogRecords()).isEqualTo(1);
        assertThat(partial.getErrorMessage()).isEqualTo("1 log record rejected: resourceLogs[0].scopeLogs[0].logRecords[1]: "
                + "severity_number 40000 is outside OTLP's range 0..24");
        assertThat(api().logs(traceId)).extracting(log -> log.path("body").asString()).containsExactlyInAnyOrder("before", "after");
    }

    @Test
    void postTraces_spansInYear2300_atTime0_orEndingBeforeTheyStart_areRejectedAloneWithMessages() throws Exception {
        TraceId traceId = OtlpRequests.randomTraceId();
        long now = System.currentTimeMillis() * 1_000_000L;
        long year2300 = Long.parseUnsignedLong("10413792000000000000"); // 2300-01-01T00:00:00Z: beyond a signed long
        assertThat(ItemChecks.time(year2300)).isEqualTo(Instant.parse("2300-01-01T00:00:00Z").toString());
        ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                .addSpans(OtlpRequests.span(traceId, 0))
                .addSpans(OtlpRequests.span(traceId, 1).toBuilder().setStartTimeUnixNano(year2300).setEndTimeUnixNano(year2300 + SECOND))
                .addSpans(OtlpRequests.span(traceId, 2).toBuilder().setStartTimeUnixNano(0))
                .addSpans(OtlpRequests.span(traceId, 3).toBuilder().setStartTimeUnixNano(now).setEndTimeUnixNano(now - SECOND))
                .addSpans(OtlpRequests.span(traceId, 4));
        var request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(OtlpRequests.resource("hostile-times")).addScopeSpans(scope)).build();

        HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, request.toByteArray());

        assertThat(response.statusCode()).as(() -> new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        var partial = ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess();
        assertThat(partial.getRejectedSpans()).isEqualTo(3);
        assertThat(partial.getErrorMessage()).startsWith("3 spans rejected: ")
                .contains("spans[1] 'op-1': start_time_unix_nano 2300-01-01T00:00:00Z is")
                .contains("spans[2] 'op-2': start_time_unix_nano is missing (0)")
                .contains("spans[3] 'op-3': end_time_unix_nano ")
                .contains("is before start_time_unix_nano");
        assertThat(api().spans(traceId)).extracting(span -> span.path("name").asString()).containsExactlyInAnyOrder("op-0", "op-4");
        // a span in 2300 used to be keyed at the end of the key space, where it collided with the next such span
        sendValidTrace();
    }

    @Test
    void postLogs_bodyWithNulCharacters_isStored() throws Exception {
        TraceId traceId = OtlpRequests.randomTraceId();
        var request = OtlpRequests.logs(traceId, "nul\0inside").toBuilder();
        request.getResourceLogsBuilder(0).getScopeLogsBuilder(0).getLogRecordsBuilder(0).setSeverityText("W\0RN")
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        request.getResourceLogsBuilder(0).getScopeLogsBuilder(0).addLogRecords(LogRecord.newBuilder(
                request.getResourceLogsBuilder(0).getScopeLogsBuilder(0).getLogRecords(0)).setSeverityNumberValue(25));

        HttpResponse<byte[]> response = post("/v1/logs", PROTOBUF, request.build().toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ExportLogsServiceResponse.parseFrom(response.body()).getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
        assertThat(api().logs(traceId)).extracting(log -> log.path("body").asString()).containsExactly("nul\uFFFDinside");
    }
}
