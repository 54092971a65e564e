package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.meridian.telemetry.AggregationTemporality;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.MetricValue;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TraceId;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;

/** OTLP protobuf to telemetry records: everything kept, invalid items rejected one by one. */
class OtlpProtoMapperTest {

    static final ByteString TRACE = hex("5b8efff798038103d269b633813fc60c");
    static final ByteString SPAN = hex("eee19b7ec3c1b174");

    static ByteString hex(String hex) {
        return ByteString.copyFrom(java.util.HexFormat.of().parseHex(hex));
    }

    static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    @Test
    void spans_keepResourceScopeAndEverySpanField() {
        var span = io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(TRACE).setSpanId(SPAN)
                .setParentSpanId(hex("00f067aa0ba902b7")).setTraceState("a=b").setFlags(0x301).setName("consume")
                .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER)
                .setStartTimeUnixNano(10).setEndTimeUnixNano(25)
                .addAttributes(kv("bytes", AnyValue.newBuilder().setBytesValue(hex("0102")).build()))
                .addAttributes(kv("list", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1)).addValues(AnyValue.newBuilder().setBoolValue(false))).build()))
                .addAttributes(kv("map", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("inner", AnyValue.newBuilder().setDoubleValue(1.5).build()))).build()))
                .addAttributes(kv("empty", AnyValue.getDefaultInstance()))
                .setDroppedAttributesCount(1)
                .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName("retry").setTimeUnixNano(12)
                        .addAttributes(kv("n", AnyValue.newBuilder().setIntValue(2).build())).setDroppedAttributesCount(3))
                .setDroppedEventsCount(2)
                .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder().setTraceId(TRACE).setSpanId(hex("1111111111111111"))
                        .setTraceState("x=y").setFlags(1).setDroppedAttributesCount(4))
                .setDroppedLinksCount(5)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK).setMessage("fine"));
        var request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", string("queue-worker"))).setDroppedAttributesCount(7))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("kafka").setVersion("3.9")
                                .addAttributes(kv("s", string("t"))).setDroppedAttributesCount(8))
                        .addSpans(span))).build();

        Decoded decoded = OtlpProtoMapper.spans(request);

        assertThat(decoded.rejected()).isZero();
        assertThat(decoded.errorMessage()).isEmpty();
        Span mapped = decoded.batch().spans().getFirst();
        assertThat(mapped.traceId()).isEqualTo(TraceId.fromHex("5b8efff798038103d269b633813fc60c"));
        assertThat(mapped.spanId().toHex()).isEqualTo("eee19b7ec3c1b174");
        assertThat(mapped.parentSpanId().toHex()).isEqualTo("00f067aa0ba902b7");
        assertThat(mapped.traceState()).isEqualTo("a=b");
        assertThat(mapped.flags()).isEqualTo(0x301);
        assertThat(mapped.kind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(mapped.startNanos()).isEqualTo(10);
        assertThat(mapped.endNanos()).isEqualTo(25);
        assertThat((byte[]) mapped.attributes().get("bytes")).containsExactly(1, 2);
        assertThat(mapped.attributes().values()).containsEntry("list", List.of(1L, false))
                .containsEntry("map", Map.of("inner", 1.5)).containsEntry("empty", null);
        assertThat(mapped.droppedAttributesCount()).isEqualTo(1);
        assertThat(mapped.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("retry");
            assertThat(event.timeNanos()).isEqualTo(12);
            assertThat(event.attributes().values()).containsEntry("n", 2L);
            assertThat(event.droppedAttributesCount()).isEqualTo(3);
        });
        assertThat(mapped.droppedEventsCount()).isEqualTo(2);
        assertThat(mapped.links()).singleElement().satisfies(link -> {
            assertThat(link.spanId().toHex()).isEqualTo("1111111111111111");
            assertThat(link.traceState()).isEqualTo("x=y");
            assertThat(link.flags()).isEqualTo(1);
            assertThat(link.droppedAttributesCount()).isEqualTo(4);
        });
        assertThat(mapped.droppedLinksCount()).isEqualTo(5);
        assertThat(mapped.status().code()).isEqualTo(StatusCode.OK);
        assertThat(mapped.status().message()).isEqualTo("fine");
        assertThat(mapped.serviceName()).isEqualTo("queue-worker");
        assertThat(mapped.resource().droppedAttributesCount()).isEqualTo(7);
        assertThat(mapped.scope().name()).isEqualTo("kafka");
        assertThat(mapped.scope().version()).isEqualTo("3.9");
        assertThat(mapped.scope().attributes().values()).containsEntry("s", "t");
        assertThat(mapped.scope().droppedAttributesCount()).isEqualTo(8);
    }

    @Test
    void spans_withInvalidLinkIds_areRejected() {
        var span = io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(TRACE).setSpanId(SPAN).setName("linked")
                .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder().setTraceId(hex("01")).setSpanId(SPAN));
        var request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build();

        Decoded decoded = OtlpProtoMapper.spans(request);

        assertThat(decoded.batch().spans()).isEmpty();
        assertThat(decoded.errorMessage()).isEqualTo("1 span rejected: resourceSpans[0].scopeSpans[0].spans[0] 'linked': "
                + "links[0].trace_id must be empty or 16 bytes, was 1");
    }

    @Test
    void logs_keepEveryFieldAndAcceptMissingIds() {
        var request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1).setObservedTimeUnixNano(2)
                                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN2).setSeverityText("WARNING")
                                .setBody(AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(kv("k", string("v")))))
                                .addAttributes(kv("a", string("b"))).setDroppedAttributesCount(3).setFlags(1)
                                .setTraceId(TRACE).setSpanId(SPAN).setEventName("e"))
                        .addLogRecords(LogRecord.newBuilder().setObservedTimeUnixNano(3).setBody(string("no ids"))))).build();

        Decoded decoded = OtlpProtoMapper.logs(request);

        assertThat(decoded.rejected()).isZero();
        var log = decoded.batch().logs().getFirst();
        assertThat(log.timeNanos()).isEqualTo(1);
        assertThat(log.observedTimeNanos()).isEqualTo(2);
        assertThat(log.severityNumber()).isEqualTo(14);
        assertThat(log.severityText()).isEqualTo("WARNING");
        assertThat(log.body()).isEqualTo(Map.of("k", "v"));
        assertThat(log.attributes().values()).containsEntry("a", "b");
        assertThat(log.droppedAttributesCount()).isEqualTo(3);
        assertThat(log.flags()).isEqualTo(1);
        assertThat(log.traceId().toHex()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(log.spanId().toHex()).isEqualTo("eee19b7ec3c1b174");
        assertThat(log.eventName()).isEqualTo("e");
        assertThat(log.serviceName()).isEqualTo("unknown_service");
        var uncorrelated = decoded.batch().logs().get(1);
        assertThat(uncorrelated.traceId().isValid()).isFalse();
        assertThat(uncorrelated.spanId().isValid()).isFalse();
    }

    @Test
    void metrics_rejectPointsWithoutValueMismatchedBucketsOrBadExemplarIds() {
        Metric gauge = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(5).setAsDouble(1))
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(5))
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(5).setAsInt(2)
                        .addExemplars(Exemplar.newBuilder().setAsInt(2).setTraceId(hex("0102")).setSpanId(SPAN)))).build();
        Metric histogram = Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(io.opentelemetry.proto.metrics.v1.AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(5).setCount(3).addBucketCounts(3).addExplicitBounds(1).addExplicitBounds(2))
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(5).setCount(3))).build();
        Metric summary = Metric.newBuilder().setName("s").setSummary(Summary.newBuilder()
                .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(5).setCount(4).setSum(10).setFlags(1)
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(1).setValue(9)))).build();
        var request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(gauge).addMetrics(histogram).addMetrics(summary))).build();

        Decoded decoded = OtlpProtoMapper.metrics(request);

        assertThat(decoded.rejected()).isEqualTo(3);
        assertThat(decoded.errorMessage()).startsWith("3 data points rejected: ")
                .contains("metrics[0] 'g'.dataPoints[1]: the data point has no value")
                .contains("metrics[0] 'g'.dataPoints[2]: exemplars[0].trace_id must be empty or 16 bytes, was 2")
                .contains("metrics[1] 'h'.dataPoints[0]: a histogram needs one bucket count more than explicit bounds, had 1 counts and 2 bounds");
        List<MetricPoint> points = decoded.batch().metricPoints();
        assertThat(points).extracting(MetricPoint::name).containsExactly("g", "h", "s");
        assertThat(points.get(1).temporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
        assertThat(((MetricValue.Histogram) points.get(1).value()).bucketCounts()).isEmpty();
        assertThat(points.get(2).type()).isEqualTo(MetricType.SUMMARY);
        assertThat(points.get(2).flags()).isEqualTo(1);
        assertThat(points.get(2).value()).isEqualTo(new MetricValue.Summary(4, 10, List.of(new MetricValue.Quantile(1, 9))));
    }
}
