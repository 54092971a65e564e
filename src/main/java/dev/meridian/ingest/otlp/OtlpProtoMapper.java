package dev.meridian.ingest.otlp;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import dev.meridian.ingest.Signal;
import dev.meridian.telemetry.AggregationTemporality;
import dev.meridian.telemetry.Exemplar;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.MetricValue;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TraceId;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * OTLP protobuf requests to {@code telemetry} records, keeping everything the OTLP data model carries within
 * the {@link OtlpLimits}.
 *
 * <p>Validation is per item: a span whose trace id is not 16 bytes or all zero, or whose span id is not
 * 8 bytes or zero, is rejected on its own; so is a span whose parent or link ids are present with a wrong
 * length, a log record whose trace or span id is present (non-empty) with a wrong length, and a data point
 * whose exemplar ids are so, or that has no value; and every item that breaks a rule of {@link ItemChecks}
 * (times, severity, counts). Rejected items are counted with a message for the response's partial_success;
 * everything else is kept, cut to the limits by {@link AttributeLimits}. An empty parent span id, and all-zero
 * optional ids, mean "none".
 *
 * <p>When items were rejected, {@link Decoded#protobuf()} is the request without them ({@link AcceptedItems}):
 * the write-ahead log keeps only what was accepted, so its replay decodes the same batch without a clock.
 * Otherwise it is null and the caller keeps the request as it came.
 */
final class OtlpProtoMapper {

    private final ItemChecks checks;
    private final AttributeLimits limited;
    private final OtlpLimits limits;

    private OtlpProtoMapper(OtlpLimits limits) {
        this.limits = limits;
        this.checks = new ItemChecks(limits);
        this.limited = new AttributeLimits(limits);
    }

    // ---- traces ---------------------------------------------------------------------------------------

    static Decoded spans(ExportTraceServiceRequest request) {
        return spans(request, OtlpLimits.DEFAULTS);
    }

    static Decoded spans(ExportTraceServiceRequest request, OtlpLimits limits) {
        return new OtlpProtoMapper(limits).mapSpans(request);
    }

    private Decoded mapSpans(ExportTraceServiceRequest request) {
        List<Span> spans = new ArrayList<>();
        Rejections rejections = new Rejections("span");
        int item = 0;
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans resourceSpans = request.getResourceSpans(r);
            Resource resource = resource(resourceSpans.getResource());
            for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
                ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
                InstrumentationScope scope = scope(scopeSpans.getScope());
                for (int i = 0; i < scopeSpans.getSpansCount(); i++, item++) {
                    var span = scopeSpans.getSpans(i);
                    String invalid = invalidSpanIds(span);
                    if (invalid == null) {
                        invalid = checks.span(span.getStartTimeUnixNano(), span.getEndTimeUnixNano());
                    }
                    if (invalid != null) {
                        rejections.reject(item, "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "] '"
                                + abbreviate(span.getName()) + "'", invalid);
                        continue;
                    }
                    spans.add(span(resource, scope, span));
                }
            }
        }
        return new Decoded(Signal.TRACES, TelemetryBatch.ofSpans(spans), rejections.count(), rejections.message(),
                rejections.count() == 0 ? null : AcceptedItems.spans(request, rejections.items()).toByteArray());
    }

    private static String invalidSpanIds(io.opentelemetry.proto.trace.v1.Span span) {
        String problem = requiredTraceId(span.getTraceId());
        if (problem == null) {
            problem = requiredSpanId("span_id", span.getSpanId());
        }
        if (problem == null) {
            problem = optionalSpanId("parent_span_id", span.getParentSpanId());
        }
        for (int l = 0; problem == null && l < span.getLinksCount(); l++) {
            var link = span.getLinks(l);
            problem = optionalTraceId(link.getTraceId());
            if (problem == null) {
                problem = optionalSpanId("span_id", link.getSpanId());
            }
            if (problem != null) {
                problem = "links[" + l + "]." + problem;
            }
        }
        return problem;
    }

    private Span span(Resource resource, InstrumentationScope scope, io.opentelemetry.proto.trace.v1.Span span) {
        int eventCount = Math.min(span.getEventsCount(), limits.maxEvents());
        List<SpanEvent> events = new ArrayList<>(eventCount);
        for (int e = 0; e < eventCount; e++) {
            var event = span.getEvents(e);
            var attributes = limited.attributes(event.getAttributesList());
            events.add(new SpanEvent(event.getTimeUnixNano(), limited.text(event.getName()), attributes.attributes(),
                    attributes.droppedCount(event.getDroppedAttributesCount())));
        }
        int linkCount = Math.min(span.getLinksCount(), limits.maxLinks());
        List<SpanLink> links = new ArrayList<>(linkCount);
        for (int l = 0; l < linkCount; l++) {
            var link = span.getLinks(l);
            var attributes = limited.attributes(link.getAttributesList());
            links.add(new SpanLink(traceId(link.getTraceId()), spanId(link.getSpanId()), limited.text(link.getTraceState()),
                    attributes.attributes(), attributes.droppedCount(link.getDroppedAttributesCount()), link.getFlags()));
        }
        SpanStatus status = span.hasStatus()
                ? new SpanStatus(StatusCode.fromOtlp(span.getStatus().getCodeValue()), limited.text(span.getStatus().getMessage()))
                : SpanStatus.UNSET;
        var attributes = limited.attributes(span.getAttributesList());
        return new Span(resource, scope, traceId(span.getTraceId()), spanId(span.getSpanId()),
                spanId(span.getParentSpanId()), limited.text(span.getTraceState()), span.getFlags(), limited.text(span.getName()),
                SpanKind.fromOtlp(span.getKindValue()), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                attributes.attributes(), attributes.droppedCount(span.getDroppedAttributesCount()), List.copyOf(events),
                dropped(span.getDroppedEventsCount(), span.getEventsCount() - eventCount), List.copyOf(links),
                dropped(span.getDroppedLinksCount(), span.getLinksCount() - linkCount), status);
    }

    private static int dropped(int sent, int more) {
        return (int) Math.min(Integer.MAX_VALUE, Integer.toUnsignedLong(sent) + more);
    }

    // ---- logs -----------------------------------------------------------------------------------------

    static Decoded logs(ExportLogsServiceRequest request) {
        return logs(request, OtlpLimits.DEFAULTS);
    }

    static Decoded logs(ExportLogsServiceRequest request, OtlpLimits limits) {
        return new OtlpProtoMapper(limits).mapLogs(request);
    }

    private Decoded mapLogs(ExportLogsServiceRequest request) {
        List<LogRecord> logs = new ArrayList<>();
        Rejections rejections = new Rejections("log record");
        int item = 0;
        for (int r = 0; r < request.getResourceLogsCount(); r++) {
            ResourceLogs resourceLogs = request.getResourceLogs(r);
            Resource resource = resource(resourceLogs.getResource());
            for (int s = 0; s < resourceLogs.getScopeLogsCount(); s++) {
                ScopeLogs scopeLogs = resourceLogs.getScopeLogs(s);
                InstrumentationScope scope = scope(scopeLogs.getScope());
                for (int i = 0; i < scopeLogs.getLogRecordsCount(); i++, item++) {
                    var log = scopeLogs.getLogRecords(i);
                    String invalid = optionalTraceId(log.getTraceId());
                    if (invalid == null) {
                        invalid = optionalSpanId("span_id", log.getSpanId());
                    }
                    if (invalid == null) {
                        invalid = checks.log(log.getTimeUnixNano(), log.getObservedTimeUnixNano(), log.getSeverityNumberValue());
                    }
                    if (invalid != null) {
                        rejections.reject(item, "resourceLogs[" + r + "].scopeLogs[" + s + "].logRecords[" + i + "]", invalid);
                        continue;
                    }
                    var attributes = limited.attributes(log.getAttributesList());
                    logs.add(new LogRecord(resource, scope, log.getTimeUnixNano(), log.getObservedTimeUnixNano(),
                            log.getSeverityNumberValue(), limited.text(log.getSeverityText()),
                            log.hasBody() ? limited.value(log.getBody(), limits.maxLogBodyLength()) : null, attributes.attributes(),
                            attributes.droppedCount(log.getDroppedAttributesCount()), log.getFlags(), traceId(log.getTraceId()),
                            spanId(log.getSpanId()), limited.text(log.getEventName())));
                }
            }
        }
        return new Decoded(Signal.LOGS, TelemetryBatch.ofLogs(logs), rejections.count(), rejections.message(),
                rejections.count() == 0 ? null : AcceptedItems.logs(request, rejections.items()).toByteArray());
    }

    // ---- metrics --------------------------------------------------------------------------------------

    static Decoded metrics(ExportMetricsServiceRequest request) {
        return metrics(request, OtlpLimits.DEFAULTS);
    }

    static Decoded metrics(ExportMetricsServiceRequest request, OtlpLimits limits) {
        return new OtlpProtoMapper(limits).mapMetrics(request);
    }

    private Decoded mapMetrics(ExportMetricsServiceRequest request) {
        List<MetricPoint> points = new ArrayList<>();
        Rejections rejections = new Rejections("data point");
        int item = 0;
        for (int r = 0; r < request.getResourceMetricsCount(); r++) {
            ResourceMetrics resourceMetrics = request.getResourceMetrics(r);
            Resource resource = resource(resourceMetrics.getResource());
            for (int s = 0; s < resourceMetrics.getScopeMetricsCount(); s++) {
                ScopeMetrics scopeMetrics = resourceMetrics.getScopeMetrics(s);
                InstrumentationScope scope = scope(scopeMetrics.getScope());
                for (int m = 0; m < scopeMetrics.getMetricsCount(); m++) {
                    String where = "resourceMetrics[" + r + "].scopeMetrics[" + s + "].metrics[" + m + "] '"
                            + abbreviate(scopeMetrics.getMetrics(m).getName()) + "'";
                    new MetricMapping(resource, scope, scopeMetrics.getMetrics(m), where, points, rejections, item).map();
                    item += AcceptedItems.pointCount(scopeMetrics.getMetrics(m));
                }
            }
        }
        return new Decoded(Signal.METRICS, TelemetryBatch.ofMetricPoints(points), rejections.count(), rejections.message(),
                rejections.count() == 0 ? null : AcceptedItems.metrics(request, rejections.items()).toByteArray());
    }

    /**
     * The points of one metric; each point carries the metric's name, unit, type and temporality. {@code firstItem}
     * is the number of the metric's first point among the request's points (for {@link AcceptedItems}).
     */
    private final class MetricMapping {

        private final Resource resource;
        private final InstrumentationScope scope;
        private final Metric metric;
        private final String where;
        private final List<MetricPoint> points;
        private final Rejections rejections;
        private final int firstItem;

        MetricMapping(Resource resource, InstrumentationScope scope, Metric metric, String where, List<MetricPoint> points,
                      Rejections rejections, int firstItem) {
            this.resource = resource;
            this.scope = scope;
            this.metric = metric;
            this.where = where;
            this.points = points;
            this.rejections = rejections;
            this.firstItem = firstItem;
        }

        private void reject(int p, String reason) {
            rejections.reject(firstItem + p, where + ".dataPoints[" + p + "]", reason);
        }

        void map() {
            switch (metric.getDataCase()) {
                case GAUGE -> numbers(MetricType.GAUGE, AggregationTemporality.UNSPECIFIED, false, metric.getGauge().getDataPointsList());
                case SUM -> numbers(MetricType.SUM, AggregationTemporality.fromOtlp(metric.getSum().getAggregationTemporalityValue()),
                        metric.getSum().getIsMonotonic(), metric.getSum().getDataPointsList());
                case HISTOGRAM -> histograms();
                case EXPONENTIAL_HISTOGRAM -> exponentialHistograms();
                case SUMMARY -> summaries();
                case DATA_NOT_SET -> {
                    // A metric without data has no points to keep or to reject.
                }
            }
        }

        private void numbers(MetricType type, AggregationTemporality temporality, boolean monotonic, List<NumberDataPoint> dataPoints) {
            for (int p = 0; p < dataPoints.size(); p++) {
                NumberDataPoint point = dataPoints.get(p);
                MetricValue.Number value = switch (point.getValueCase()) {
                    case AS_DOUBLE -> new MetricValue.Number(point.getAsDouble(), false);
                    case AS_INT -> new MetricValue.Number(point.getAsInt(), true);
                    case VALUE_NOT_SET -> null;
                };
                if (value == null) {
                    reject(p, "the data point has no value (asDouble or asInt)");
                    continue;
                }
                add(p, type, temporality, monotonic, point.getAttributesList(), point.getStartTimeUnixNano(),
                        point.getTimeUnixNano(), value, point.getExemplarsList(), point.getFlags());
            }
        }

        private void histograms() {
            var histogram = metric.getHistogram();
            var temporality = AggregationTemporality.fromOtlp(histogram.getAggregationTemporalityValue());
            for (int p = 0; p < histogram.getDataPointsCount(); p++) {
                HistogramDataPoint point = histogram.getDataPoints(p);
                if (point.getBucketCountsCount() != 0 && point.getBucketCountsCount() != point.getExplicitBoundsCount() + 1) {
                    reject(p, "a histogram needs one bucket count more than explicit bounds, had "
                            + point.getBucketCountsCount() + " counts and " + point.getExplicitBoundsCount() + " bounds");
                    continue;
                }
                String invalid = checks.count("count", point.getCount());
                if (invalid != null) {
                    reject(p, invalid);
                    continue;
                }
                var value = new MetricValue.Histogram(point.getCount(), point.hasSum() ? point.getSum() : null,
                        point.hasMin() ? point.getMin() : null, point.hasMax() ? point.getMax() : null,
                        toDoubles(point.getExplicitBoundsList()), toLongs(point.getBucketCountsList()));
                add(p, MetricType.HISTOGRAM, temporality, false, point.getAttributesList(), point.getStartTimeUnixNano(),
                        point.getTimeUnixNano(), value, point.getExemplarsList(), point.getFlags());
            }
        }

        private void exponentialHistograms() {
            var histogram = metric.getExponentialHistogram();
            var temporality = AggregationTemporality.fromOtlp(histogram.getAggregationTemporalityValue());
            for (int p = 0; p < histogram.getDataPointsCount(); p++) {
                ExponentialHistogramDataPoint point = histogram.getDataPoints(p);
                String invalid = checks.exponentialScale(point.getScale());
                if (invalid == null) {
                    invalid = checks.count("count", point.getCount());
                }
                if (invalid == null) {
                    invalid = checks.count("zero_count", point.getZeroCount());
                }
                if (invalid != null) {
                    reject(p, invalid);
                    continue;
                }
                var value = new MetricValue.ExponentialHistogram(point.getCount(), point.hasSum() ? point.getSum() : null,
                        point.hasMin() ? point.getMin() : null, point.hasMax() ? point.getMax() : null, point.getScale(),
                        point.getZeroCount(), point.getZeroThreshold(), point.getPositive().getOffset(),
                        toLongs(point.getPositive().getBucketCountsList()), point.getNegative().getOffset(),
                        toLongs(point.getNegative().getBucketCountsList()));
                add(p, MetricType.EXPONENTIAL_HISTOGRAM, temporality, false, point.getAttributesList(),
                        point.getStartTimeUnixNano(), point.getTimeUnixNano(), value, point.getExemplarsList(), point.getFlags());
            }
        }

        private void summaries() {
            var summary = metric.getSummary();
            for (int p = 0; p < summary.getDataPointsCount(); p++) {
                SummaryDataPoint point = summary.getDataPoints(p);
                String invalid = checks.count("count", point.getCount());
                if (invalid != null) {
                    reject(p, invalid);
                    continue;
                }
                List<MetricValue.Quantile> quantiles = new ArrayList<>(point.getQuantileValuesCount());
                for (var quantile : point.getQuantileValuesList()) {
                    quantiles.add(new MetricValue.Quantile(quantile.getQuantile(), quantile.getValue()));
                }
                var value = new MetricValue.Summary(point.getCount(), point.getSum(), List.copyOf(quantiles));
                add(p, MetricType.SUMMARY, AggregationTemporality.UNSPECIFIED, false, point.getAttributesList(),
                        point.getStartTimeUnixNano(), point.getTimeUnixNano(), value, List.of(), point.getFlags());
            }
        }

        private void add(int p, MetricType type, AggregationTemporality temporality, boolean monotonic, List<KeyValue> attributes,
                         long start, long time, MetricValue value, List<io.opentelemetry.proto.metrics.v1.Exemplar> exemplars, int flags) {
            String invalidTime = checks.point(start, time);
            if (invalidTime != null) {
                reject(p, invalidTime);
                return;
            }
            List<Exemplar> mapped = new ArrayList<>(exemplars.size());
            for (int e = 0; e < exemplars.size(); e++) {
                var exemplar = exemplars.get(e);
                String invalid = optionalTraceId(exemplar.getTraceId());
                if (invalid == null) {
                    invalid = optionalSpanId("span_id", exemplar.getSpanId());
                }
                if (invalid != null) {
                    reject(p, "exemplars[" + e + "]." + invalid);
                    return;
                }
                double exemplarValue = switch (exemplar.getValueCase()) {
                    case AS_INT -> exemplar.getAsInt();
                    case AS_DOUBLE -> exemplar.getAsDouble();
                    case VALUE_NOT_SET -> Double.NaN;
                };
                mapped.add(new Exemplar(exemplar.getTimeUnixNano(), exemplarValue,
                        limited.attributes(exemplar.getFilteredAttributesList()).attributes(),
                        traceId(exemplar.getTraceId()), spanId(exemplar.getSpanId())));
            }
            points.add(new MetricPoint(resource, scope, limited.text(metric.getName()), limited.text(metric.getDescription()),
                    limited.text(metric.getUnit()), type, temporality, monotonic, limited.attributes(attributes).attributes(),
                    start, time, value, List.copyOf(mapped), flags));
        }
    }

    // ---- shared parts ---------------------------------------------------------------------------------

    private Resource resource(io.opentelemetry.proto.resource.v1.Resource resource) {
        if (resource.getAttributesCount() == 0 && resource.getDroppedAttributesCount() == 0) {
            return Resource.EMPTY;
        }
        var attributes = limited.attributes(resource.getAttributesList());
        return new Resource(attributes.attributes(), attributes.droppedCount(resource.getDroppedAttributesCount()));
    }

    private InstrumentationScope scope(io.opentelemetry.proto.common.v1.InstrumentationScope scope) {
        if (scope.getName().isEmpty() && scope.getVersion().isEmpty() && scope.getAttributesCount() == 0
                && scope.getDroppedAttributesCount() == 0) {
            return InstrumentationScope.EMPTY;
        }
        var attributes = limited.attributes(scope.getAttributesList());
        return new InstrumentationScope(limited.text(scope.getName()), limited.text(scope.getVersion()), attributes.attributes(),
                attributes.droppedCount(scope.getDroppedAttributesCount()));
    }

    private static String requiredTraceId(ByteString id) {
        if (id.size() != 16) {
            return "trace_id must be 16 bytes, was " + id.size();
        }
        return isZero(id) ? "trace_id must not be all zero" : null;
    }

    private static String requiredSpanId(String field, ByteString id) {
        if (id.size() != 8) {
            return field + " must be 8 bytes, was " + id.size();
        }
        return isZero(id) ? field + " must not be all zero" : null;
    }

    private static String optionalTraceId(ByteString id) {
        return id.isEmpty() || id.size() == 16 ? null : "trace_id must be empty or 16 bytes, was " + id.size();
    }

    private static String optionalSpanId(String field, ByteString id) {
        return id.isEmpty() || id.size() == 8 ? null : field + " must be empty or 8 bytes, was " + id.size();
    }

    private static boolean isZero(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** A validated (or empty) id; empty means {@link TraceId#INVALID}. */
    private static TraceId traceId(ByteString id) {
        return id.size() == 16 ? TraceId.fromBytes(id.toByteArray()) : TraceId.INVALID;
    }

    private static SpanId spanId(ByteString id) {
        return id.size() == 8 ? SpanId.fromBytes(id.toByteArray()) : SpanId.NONE;
    }

    private static double[] toDoubles(List<Double> values) {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static long[] toLongs(List<Long> values) {
        long[] array = new long[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
