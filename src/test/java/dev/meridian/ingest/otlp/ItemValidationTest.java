package dev.meridian.ingest.otlp;

import static dev.meridian.ingest.otlp.OtlpProtoMapperTest.TRACE;
import static dev.meridian.ingest.otlp.OtlpProtoMapperTest.hex;
import static dev.meridian.ingest.otlp.OtlpProtoMapperTest.kv;
import static dev.meridian.ingest.otlp.OtlpProtoMapperTest.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;

import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.Span;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/** Per-item validation and limits at decode time: bad items are rejected alone with a message, the rest kept. */
class ItemValidationTest {

    static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    static final long NOW_NANOS = NOW.toEpochMilli() * 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final OtlpLimits LIMITS = new OtlpLimits(InstantSource.fixed(NOW), Duration.ofHours(1), Duration.ofDays(7),
            3, 40, 2, 2, 50);

    static io.opentelemetry.proto.trace.v1.Span.Builder span(String name, int id, long start, long end) {
        return io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(TRACE).setSpanId(hex(String.format("%016x", id)))
                .setName(name).setStartTimeUnixNano(start).setEndTimeUnixNano(end);
    }

    static ExportTraceServiceRequest traces(io.opentelemetry.proto.trace.v1.Span.Builder... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (var span : spans) {
            scope.addSpans(span);
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
    }

    @Test
    void spans_withTimesStorageCannotHoldOrThatContradictThemselves_areRejectedOneByOne() throws Exception {
        long year2300 = Instant.parse("2300-01-01T00:00:00Z").getEpochSecond() * SECOND;
        var request = traces(
                span("ok", 1, NOW_NANOS - SECOND, NOW_NANOS),
                span("no start", 2, 0, NOW_NANOS),
                span("ends before it starts", 3, NOW_NANOS, NOW_NANOS - 5),
                span("year 2300", 4, year2300, year2300 + SECOND),
                span("also ok", 5, NOW_NANOS - 10 * SECOND, NOW_NANOS - 9 * SECOND),
                span("tomorrow", 6, NOW_NANOS + 86_400 * SECOND, NOW_NANOS + 86_401 * SECOND),
                span("last month", 7, NOW_NANOS - 30 * 86_400 * SECOND, NOW_NANOS - 30 * 86_400 * SECOND + 1),
                span("uint64 max", 8, -1L, -1L),
                span("no end", 9, NOW_NANOS, 0));

        Decoded decoded = OtlpProtoMapper.spans(request, LIMITS);

        assertThat(decoded.batch().spans()).extracting(Span::name).containsExactly("ok", "also ok");
        assertThat(decoded.rejected()).isEqualTo(7);
        assertThat(decoded.errorMessage()).startsWith("7 spans rejected: ")
                .contains("spans[1] 'no start': start_time_unix_nano is missing (0)")
                .contains("spans[2] 'ends before it starts': end_time_unix_nano 2026-12-01T23:59:59.999999995Z is before "
                        + "start_time_unix_nano 2026-12-02T00:00:00Z (by 5 ns)")
                .contains("spans[3] 'year 2300': start_time_unix_nano 2300-01-01T00:00:00Z is later than storage can hold")
                .endsWith("and 4 more");
        assertThat(messageOf(span("tomorrow", 6, NOW_NANOS + 86_400 * SECOND, NOW_NANOS + 86_401 * SECOND)))
                .endsWith("start_time_unix_nano 2026-12-03T00:00:00Z is more than 1h ahead of the server's clock "
                        + "(meridian.otlp.limits.max-future-skew)");
        assertThat(messageOf(span("last month", 7, NOW_NANOS - 30 * 86_400 * SECOND, NOW_NANOS)))
                .endsWith("start_time_unix_nano 2026-11-02T00:00:00Z is older than the retention period of 7d (meridian.retention.max-age)");
        assertThat(messageOf(span("no end", 9, NOW_NANOS, 0))).endsWith("end_time_unix_nano is missing (0)");
    }

    private static String messageOf(io.opentelemetry.proto.trace.v1.Span.Builder span) {
        return OtlpProtoMapper.spans(traces(span), LIMITS).errorMessage();
    }

    @Test
    void rejectedItems_areLeftOutOfWhatTheWriteAheadLogKeeps_soReplayWithoutAClockGivesTheSameBatch() throws Exception {
        var request = traces(span("tomorrow", 1, NOW_NANOS + 86_400 * SECOND, NOW_NANOS + 86_401 * SECOND),
                span("ok", 2, NOW_NANOS - SECOND, NOW_NANOS));

        Decoded decoded = OtlpSignal.TRACES.decodeProtobuf(request.toByteArray(), LIMITS);
        Decoded replayed = OtlpSignal.TRACES.decodeProtobuf(decoded.protobuf(), LIMITS.forReplay());

        assertThat(replayed.rejected()).isZero();
        assertThat(replayed.batch().spans()).extracting(Span::name).containsExactly("ok");
        assertThat(replayed.batch().spans()).usingRecursiveFieldByFieldElementComparator().isEqualTo(decoded.batch().spans());
    }

    @Test
    void logs_severityOutsideOtlpsRangeOrNoTimeAtAll_areRejectedAlone() {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().setTimeUnixNano(NOW_NANOS).setSeverityNumberValue(9).setBody(string("fine")))
                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().setTimeUnixNano(NOW_NANOS).setSeverityNumberValue(40_000).setBody(string("loud")))
                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().setBody(string("timeless")))
                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().setObservedTimeUnixNano(NOW_NANOS).setBody(string("observed only")));
        var request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build();

        Decoded decoded = OtlpProtoMapper.logs(request, LIMITS);

        assertThat(decoded.batch().logs()).extracting(LogRecord::body).containsExactly("fine", "observed only");
        assertThat(decoded.errorMessage()).isEqualTo("2 log records rejected: "
                + "resourceLogs[0].scopeLogs[0].logRecords[1]: severity_number 40000 is outside OTLP's range 0..24; "
                + "resourceLogs[0].scopeLogs[0].logRecords[2]: time_unix_nano and observed_time_unix_nano are both missing (0)");
    }

    @Test
    void metrics_pointsWithoutTimeOrWithAScaleOutsideOtlpsRange_areRejectedAlone() {
        Metric gauge = Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(1))
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(NOW_NANOS).setAsDouble(2))).build();
        Metric exponential = Metric.newBuilder().setName("e").setExponentialHistogram(ExponentialHistogram.newBuilder()
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(NOW_NANOS).setScale(30).setCount(1))
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(NOW_NANOS).setScale(3).setCount(1))).build();
        var request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(gauge).addMetrics(exponential))).build();

        Decoded decoded = OtlpProtoMapper.metrics(request, LIMITS);

        assertThat(decoded.batch().metricPoints()).extracting(MetricPoint::name).containsExactly("g", "e");
        assertThat(decoded.errorMessage()).contains("metrics[0] 'g'.dataPoints[0]: time_unix_nano is missing (0)")
                .contains("metrics[1] 'e'.dataPoints[0]: scale 30 is outside OTLP's range -10..20");
        var kept = io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.newBuilder();
        assertThat(OtlpProtoMapper.metrics(parse(decoded.protobuf(), kept), LIMITS.forReplay()).batch().metricPoints())
                .usingRecursiveFieldByFieldElementComparator().isEqualTo(decoded.batch().metricPoints());
    }

    private static ExportMetricsServiceRequest parse(byte[] protobuf, ExportMetricsServiceRequest.Builder builder) {
        try {
            return builder.mergeFrom(protobuf).build();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void attributesEventsAndLinksOverTheirLimits_areCutAndCountedAsDropped_longValuesEndWithAMarker() {
        var link = io.opentelemetry.proto.trace.v1.Span.Link.newBuilder().setTraceId(TRACE).setSpanId(hex("0000000000000009"));
        var event = io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setTimeUnixNano(NOW_NANOS).setName("e");
        var span = span("big", 1, NOW_NANOS - SECOND, NOW_NANOS)
                .addAttributes(kv("a", string("x".repeat(100))))
                .addAttributes(kv("b", string("nul\0inside")))
                .addAttributes(kv("c", string("kept")))
                .addAttributes(kv("d", string("dropped")))
                .addAttributes(kv("e", string("dropped too")))
                .setDroppedAttributesCount(1)
                .addEvents(event).addEvents(event).addEvents(event)
                .addLinks(link).addLinks(link).addLinks(link).setDroppedLinksCount(4);

        Span mapped = OtlpProtoMapper.spans(traces(span), LIMITS).batch().spans().getFirst();

        assertThat(mapped.attributes().values()).containsOnlyKeys("a", "b", "c");
        assertThat(mapped.attributes().getString("a")).hasSize(40).startsWith("xxx").endsWith(OtlpLimits.TRUNCATED);
        assertThat(mapped.attributes().getString("b")).isEqualTo("nul\uFFFDinside");
        assertThat(mapped.droppedAttributesCount()).isEqualTo(3);
        assertThat(mapped.events()).hasSize(2);
        assertThat(mapped.droppedEventsCount()).isEqualTo(1);
        assertThat(mapped.links()).hasSize(2);
        assertThat(mapped.droppedLinksCount()).isEqualTo(5);
    }

    @Test
    void logBody_isCutToItsOwnLimit() {
        var request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(io.opentelemetry.proto.logs.v1.LogRecord.newBuilder().setTimeUnixNano(NOW_NANOS)
                        .setBody(string("y".repeat(80)))))).build();

        Object body = OtlpProtoMapper.logs(request, LIMITS).batch().logs().getFirst().body();

        assertThat((String) body).hasSize(50).endsWith(OtlpLimits.TRUNCATED);
    }
}
