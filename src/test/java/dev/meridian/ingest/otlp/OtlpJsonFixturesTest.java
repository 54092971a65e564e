package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.protobuf.util.JsonFormat;

import dev.meridian.telemetry.AggregationTemporality;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.MetricValue;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TraceId;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/** The OTLP/JSON fixtures (see fixtures/otlp/README.md) through the JSON decoder and the mapper. */
class OtlpJsonFixturesTest {

    static byte[] fixture(String name) {
        try (InputStream in = OtlpJsonFixturesTest.class.getResourceAsStream("/fixtures/otlp/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void decodeJson_tracesFixture_keepsEveryFieldOfTheOtlpSpan() throws Exception {
        Decoded decoded = OtlpSignal.TRACES.decodeJson(fixture("traces-checkout.json"));

        assertThat(decoded.rejected()).isZero();
        List<Span> spans = decoded.batch().spans();
        assertThat(spans).hasSize(2);
        Span server = spans.get(0);
        assertThat(server.traceId()).isEqualTo(TraceId.fromHex("5b8efff798038103d269b633813fc60c"));
        assertThat(server.spanId().toHex()).isEqualTo("eee19b7ec3c1b174");
        assertThat(server.isRoot()).isTrue();
        assertThat(server.traceState()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertThat(server.name()).isEqualTo("POST /checkout");
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.flags()).isEqualTo(257);
        assertThat(server.startNanos()).isEqualTo(1_544_712_660_000_000_000L);
        assertThat(server.endNanos()).isEqualTo(1_544_712_661_000_000_000L);
        assertThat(server.resource().attributes().values()).containsEntry("service.name", "checkout").containsEntry("host.cpu.count", 8L);
        assertThat(server.resource().droppedAttributesCount()).isEqualTo(1);
        assertThat(server.scope().name()).isEqualTo("io.opentelemetry.spring-webmvc-6.0");
        assertThat(server.scope().version()).isEqualTo("2.10.0-alpha");
        assertThat(server.scope().attributes().values()).containsEntry("scope.kind", "library");

        Map<String, Object> attributes = server.attributes().values();
        assertThat(attributes).containsEntry("http.request.method", "POST")
                .containsEntry("http.response.status_code", 500L)
                .containsEntry("retry", true)
                .containsEntry("load", 0.75)
                .containsEntry("big", Long.MAX_VALUE)
                .containsEntry("tags", List.of("a", 2L))
                .containsEntry("user", Map.of("id", "u-1", "vip", false))
                .containsEntry("nothing", null);
        assertThat((byte[]) attributes.get("payload")).containsExactly(1, 2, 3, 255);
        assertThat(List.copyOf(attributes.keySet())).startsWith("http.request.method", "http.response.status_code", "http.route");
        assertThat(server.droppedAttributesCount()).isEqualTo(2);

        assertThat(server.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("exception");
            assertThat(event.timeNanos()).isEqualTo(1_544_712_660_500_000_000L);
            assertThat(event.attributes().getString("exception.message")).isEqualTo("card declined");
            assertThat(event.droppedAttributesCount()).isEqualTo(3);
        });
        assertThat(server.droppedEventsCount()).isEqualTo(4);
        assertThat(server.links()).singleElement().satisfies(link -> {
            assertThat(link.traceId().toHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(link.spanId().toHex()).isEqualTo("b7ad6b7169203331");
            assertThat(link.traceState()).isEqualTo("vendor=x");
            assertThat(link.attributes().values()).containsEntry("link.kind", "follows");
            assertThat(link.droppedAttributesCount()).isEqualTo(5);
            assertThat(link.flags()).isEqualTo(1);
        });
        assertThat(server.droppedLinksCount()).isEqualTo(6);
        assertThat(server.status().code()).isEqualTo(StatusCode.ERROR);
        assertThat(server.status().message()).isEqualTo("payment failed");

        Span client = spans.get(1);
        assertThat(client.parentSpanId()).isEqualTo(server.spanId());
        assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(client.durationNanos()).isEqualTo(100_000_000L);
        assertThat(client.status().code()).isEqualTo(StatusCode.UNSET);
        assertThat(client.scope()).isSameAs(server.scope());
    }

    @Test
    void decodeJson_tracesFixture_equalsWhatProtobufJsonFormatReadsWithBase64Ids() throws Exception {
        String json = new String(fixture("traces-checkout.json"), StandardCharsets.UTF_8);
        // JsonFormat knows only base64 bytes: give it the same ids in base64, then compare the mapped spans.
        for (String hex : List.of("5B8EFFF798038103D269B633813FC60C", "5b8efff798038103d269b633813fc60c", "EEE19B7EC3C1B174",
                "eee19b7ec3c1b174", "0AF7651916CD43DD8448EB211C80319C", "B7AD6B7169203331", "00f067aa0ba902b7")) {
            json = json.replace('"' + hex + '"', '"' + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(hex)) + '"');
        }
        ExportTraceServiceRequest.Builder viaJsonFormat = ExportTraceServiceRequest.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(json, viaJsonFormat);

        ExportTraceServiceRequest.Builder viaDecoder = ExportTraceServiceRequest.newBuilder();
        OtlpJsonDecoder.merge(fixture("traces-checkout.json"), viaDecoder);

        assertThat(viaDecoder.build()).isEqualTo(viaJsonFormat.build());
    }

    @Test
    void decodeJson_invalidIdsFixture_rejectsEachBadSpanAloneWithAMessage() throws Exception {
        Decoded decoded = OtlpSignal.TRACES.decodeJson(fixture("traces-invalid-ids.json"));

        assertThat(decoded.batch().spans()).extracting(Span::name).containsExactly("valid", "empty parent is a root");
        assertThat(decoded.batch().spans().get(1).isRoot()).isTrue();
        assertThat(decoded.rejected()).isEqualTo(4);
        assertThat(decoded.errorMessage()).startsWith("4 spans rejected: ")
                .contains("spans[1] 'short trace id': trace_id must be 16 bytes, was 8")
                .contains("spans[2] 'zero trace id': trace_id must not be all zero")
                .contains("spans[3] 'zero span id': span_id must not be all zero")
                .contains("and 1 more");
        var response = (io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse) OtlpSignal.TRACES.response(decoded);
        assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(4);
        assertThat(response.getPartialSuccess().getErrorMessage()).isEqualTo(decoded.errorMessage());
    }

    @Test
    void decodeJson_logsFixture_keepsEveryBodyTypeAndRejectsTheBadTraceId() throws Exception {
        Decoded decoded = OtlpSignal.LOGS.decodeJson(fixture("logs-every-body-type.json"));

        assertThat(decoded.rejected()).isEqualTo(1);
        assertThat(decoded.errorMessage()).contains("logRecords[11]", "trace_id must be empty or 16 bytes, was 3");
        List<LogRecord> logs = decoded.batch().logs();
        assertThat(logs).hasSize(11);
        LogRecord full = logs.get(0);
        assertThat(full.serviceName()).isEqualTo("billing");
        assertThat(full.scope().name()).isEqualTo("org.slf4j");
        assertThat(full.timeNanos()).isEqualTo(1_544_712_660_300_000_000L);
        assertThat(full.observedTimeNanos()).isEqualTo(1_544_712_660_300_000_001L);
        assertThat(full.severityNumber()).isEqualTo(17);
        assertThat(full.severityText()).isEqualTo("ERROR");
        assertThat(full.eventName()).isEqualTo("payment.declined");
        assertThat(full.body()).isEqualTo("card declined");
        assertThat(full.attributes().values()).containsEntry("order.id", 42L);
        assertThat(full.droppedAttributesCount()).isEqualTo(1);
        assertThat(full.flags()).isEqualTo(1);
        assertThat(full.traceId().toHex()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(full.spanId().toHex()).isEqualTo("eee19b7ec3c1b174");

        LogRecord observedOnly = logs.get(1);
        assertThat(observedOnly.timeNanos()).isZero();
        assertThat(observedOnly.effectiveTimeNanos()).isEqualTo(1_544_712_660_400_000_000L);
        assertThat(observedOnly.traceId()).isEqualTo(TraceId.INVALID);
        assertThat(observedOnly.body()).isEqualTo(-7L);
        assertThat(logs.get(2).body()).isEqualTo(12L);
        assertThat((Double) logs.get(3).body()).isNaN();
        assertThat(logs.get(4).body()).isEqualTo(2.5);
        assertThat(logs.get(5).body()).isEqualTo(true);
        assertThat(new String((byte[]) logs.get(6).body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(logs.get(7).body()).isEqualTo(List.of("x", 1.5, List.of()));
        assertThat(logs.get(8).body()).isEqualTo(Map.of("k", Map.of("deep", true)));
        assertThat(logs.get(9).body()).isNull();
        assertThat(logs.get(10).body()).isNull();
    }

    @Test
    void decodeJson_metricsFixture_keepsAllFiveMetricTypes() throws Exception {
        Decoded decoded = OtlpSignal.METRICS.decodeJson(fixture("metrics-all-types.json"));

        assertThat(decoded.rejected()).isZero();
        List<MetricPoint> points = decoded.batch().metricPoints();
        assertThat(points).extracting(MetricPoint::name).containsExactly("jvm.cpu.recent_utilization", "http.server.requests",
                "queue.size", "http.server.request.duration", "http.server.request.duration", "db.client.operation.duration",
                "rpc.latency");

        MetricPoint gauge = points.get(0);
        assertThat(gauge.type()).isEqualTo(MetricType.GAUGE);
        assertThat(gauge.serviceName()).isEqualTo("inventory");
        assertThat(gauge.scope().version()).isEqualTo("2.10.0");
        assertThat(gauge.unit()).isEqualTo("1");
        assertThat(gauge.description()).isEqualTo("Recent CPU utilization");
        assertThat(gauge.value()).isEqualTo(new MetricValue.Number(0.42, false));
        assertThat(gauge.attributes().values()).containsEntry("cpu", 0L);

        MetricPoint counter = points.get(1);
        assertThat(counter.type()).isEqualTo(MetricType.SUM);
        assertThat(counter.temporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
        assertThat(counter.monotonic()).isTrue();
        assertThat(counter.startNanos()).isEqualTo(1_544_712_600_000_000_000L);
        assertThat(counter.timeNanos()).isEqualTo(1_544_712_660_000_000_000L);
        assertThat(counter.value()).isEqualTo(new MetricValue.Number(1234, true));

        MetricPoint upDown = points.get(2);
        assertThat(upDown.temporality()).isEqualTo(AggregationTemporality.DELTA);
        assertThat(upDown.monotonic()).isFalse();
        assertThat(upDown.value()).isEqualTo(new MetricValue.Number(-3, true));

        MetricPoint histogram = points.get(3);
        assertThat(histogram.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(histogram.temporality()).isEqualTo(AggregationTemporality.DELTA);
        var h = (MetricValue.Histogram) histogram.value();
        assertThat(h.count()).isEqualTo(6);
        assertThat(h.sum()).isEqualTo(2.1);
        assertThat(h.min()).isEqualTo(0.01);
        assertThat(h.max()).isEqualTo(1.5);
        assertThat(h.explicitBounds()).containsExactly(0.1, 1.0);
        assertThat(h.bucketCounts()).containsExactly(1, 2, 3);
        assertThat(histogram.exemplars()).singleElement().satisfies(exemplar -> {
            assertThat(exemplar.traceId().toHex()).isEqualTo("5b8efff798038103d269b633813fc60c");
            assertThat(exemplar.spanId().toHex()).isEqualTo("eee19b7ec3c1b174");
            assertThat(exemplar.value()).isEqualTo(1.5);
            assertThat(exemplar.timeNanos()).isEqualTo(1_544_712_659_000_000_000L);
            assertThat(exemplar.filteredAttributes().values()).containsEntry("user", "u-1");
        });
        var withoutSum = (MetricValue.Histogram) points.get(4).value();
        assertThat(withoutSum.sum()).isNull();
        assertThat(withoutSum.min()).isNull();

        MetricPoint exponential = points.get(5);
        assertThat(exponential.type()).isEqualTo(MetricType.EXPONENTIAL_HISTOGRAM);
        var e = (MetricValue.ExponentialHistogram) exponential.value();
        assertThat(e.count()).isEqualTo(5);
        assertThat(e.sum()).isEqualTo(30.5);
        assertThat(e.scale()).isEqualTo(3);
        assertThat(e.zeroCount()).isEqualTo(1);
        assertThat(e.zeroThreshold()).isEqualTo(0.001);
        assertThat(e.positiveOffset()).isEqualTo(-2);
        assertThat(e.positiveBucketCounts()).containsExactly(1, 2);
        assertThat(e.negativeOffset()).isEqualTo(1);
        assertThat(e.negativeBucketCounts()).containsExactly(1);
        assertThat(e.min()).isEqualTo(-1.0);
        assertThat(e.max()).isEqualTo(20.0);
        assertThat(exponential.exemplars()).singleElement().satisfies(exemplar -> {
            assertThat(exemplar.value()).isEqualTo(20.0);
            assertThat(exemplar.traceId().toHex()).isEqualTo("5b8efff798038103d269b633813fc60c");
            assertThat(exemplar.spanId().isValid()).isFalse();
        });

        MetricPoint summary = points.get(6);
        assertThat(summary.type()).isEqualTo(MetricType.SUMMARY);
        var s = (MetricValue.Summary) summary.value();
        assertThat(s.count()).isEqualTo(10);
        assertThat(s.sum()).isCloseTo(55.5, within(1e-9));
        assertThat(s.quantiles()).containsExactly(new MetricValue.Quantile(0.5, 4.0), new MetricValue.Quantile(0.99, 12.0));
    }

    @Test
    void decodeJson_originalSnakeCaseNamesAndEnumNames_areAcceptedToo() throws Exception {
        String json = """
                {"resource_spans":[{"scope_spans":[{"spans":[{"trace_id":"5b8efff798038103d269b633813fc60c",
                  "span_id":"eee19b7ec3c1b174","kind":"SPAN_KIND_CONSUMER","start_time_unix_nano":"5","end_time_unix_nano":"6"}]}]}]}""";

        Span span = OtlpSignal.TRACES.decodeJson(json.getBytes(StandardCharsets.UTF_8)).batch().spans().getFirst();

        assertThat(span.kind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.startNanos()).isEqualTo(5);
    }

    @Test
    void decodeJson_unsignedTimesAboveLongMax_areReadAndTheSpanIsRejectedAlone() throws Exception {
        String json = """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
                  "spanId":"eee19b7ec3c1b174","startTimeUnixNano":"18446744073709551615","endTimeUnixNano":"18446744073709551615"}]}]}]}""";

        Decoded decoded = OtlpSignal.TRACES.decodeJson(json.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded.batch().spans()).isEmpty();
        assertThat(decoded.errorMessage()).contains("start_time_unix_nano 2554-07-21T23:34:33.709551615Z is later than storage can hold");
    }

    @Test
    void decodeJson_malformedDocuments_failWithTheirPlace() {
        assertThatThrownBy(() -> OtlpSignal.TRACES.decodeJson("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> OtlpSignal.TRACES.decodeJson("{} {}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecodingException.class).hasMessage("invalid OTLP/JSON: malformed JSON at line 1 column 5 path $");
        assertThatThrownBy(() -> OtlpSignal.TRACES.decodeJson("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"kind\":true}]}]}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("$.resourceSpans[0].scopeSpans[0].spans[0].kind");
        assertThatThrownBy(() -> OtlpSignal.METRICS.decodeJson("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"sum\":{\"dataPoints\":[{\"asInt\":\"12abc\"}]}}]}]}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("asInt");
        assertThatThrownBy(() -> OtlpSignal.LOGS.decodeJson("{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"spanId\":\"zz\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("'spanId' must be hex");
        String deep = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":" + "{\"arrayValue\":{\"values\":[".repeat(200);
        assertThatThrownBy(() -> OtlpSignal.LOGS.decodeJson(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecodingException.class).hasMessageContaining("Nesting limit 128 reached");
    }
}
