package dev.meridian.ingest.otlp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;

/**
 * A request without its rejected items, which is what the write-ahead log keeps: replaying it must give the
 * batch that was acknowledged, and some rules (times against the clock) would not give the same answer later.
 * Items are numbered in request order: resource, scope, then the item (for metrics: metric, then data point),
 * the order {@link OtlpProtoMapper} visits them. Built only when something was rejected.
 */
final class AcceptedItems {

    private AcceptedItems() {
    }

    static ExportTraceServiceRequest spans(ExportTraceServiceRequest request, BitSet rejected) {
        var builder = request.toBuilder();
        int item = 0;
        for (var resource : builder.getResourceSpansBuilderList()) {
            for (var scope : resource.getScopeSpansBuilderList()) {
                var kept = new ArrayList<io.opentelemetry.proto.trace.v1.Span>(scope.getSpansCount());
                for (var span : scope.getSpansList()) {
                    if (!rejected.get(item++)) {
                        kept.add(span);
                    }
                }
                scope.clearSpans().addAllSpans(kept);
            }
        }
        return builder.build();
    }

    static ExportLogsServiceRequest logs(ExportLogsServiceRequest request, BitSet rejected) {
        var builder = request.toBuilder();
        int item = 0;
        for (var resource : builder.getResourceLogsBuilderList()) {
            for (var scope : resource.getScopeLogsBuilderList()) {
                var kept = new ArrayList<io.opentelemetry.proto.logs.v1.LogRecord>(scope.getLogRecordsCount());
                for (var log : scope.getLogRecordsList()) {
                    if (!rejected.get(item++)) {
                        kept.add(log);
                    }
                }
                scope.clearLogRecords().addAllLogRecords(kept);
            }
        }
        return builder.build();
    }

    static ExportMetricsServiceRequest metrics(ExportMetricsServiceRequest request, BitSet rejected) {
        var builder = request.toBuilder();
        int item = 0;
        for (var resource : builder.getResourceMetricsBuilderList()) {
            for (var scope : resource.getScopeMetricsBuilderList()) {
                for (var metric : scope.getMetricsBuilderList()) {
                    int first = item;
                    item += pointCount(metric.build());
                    switch (metric.getDataCase()) {
                        case GAUGE -> {
                            var data = metric.getGaugeBuilder();
                            var kept = kept(data.getDataPointsList(), rejected, first);
                            data.clearDataPoints().addAllDataPoints(kept);
                        }
                        case SUM -> {
                            var data = metric.getSumBuilder();
                            var kept = kept(data.getDataPointsList(), rejected, first);
                            data.clearDataPoints().addAllDataPoints(kept);
                        }
                        case HISTOGRAM -> {
                            var data = metric.getHistogramBuilder();
                            var kept = kept(data.getDataPointsList(), rejected, first);
                            data.clearDataPoints().addAllDataPoints(kept);
                        }
                        case EXPONENTIAL_HISTOGRAM -> {
                            var data = metric.getExponentialHistogramBuilder();
                            var kept = kept(data.getDataPointsList(), rejected, first);
                            data.clearDataPoints().addAllDataPoints(kept);
                        }
                        case SUMMARY -> {
                            var data = metric.getSummaryBuilder();
                            var kept = kept(data.getDataPointsList(), rejected, first);
                            data.clearDataPoints().addAllDataPoints(kept);
                        }
                        case DATA_NOT_SET -> {
                            // no points
                        }
                    }
                }
            }
        }
        return builder.build();
    }

    /** How many data points a metric has (each is one item). */
    static int pointCount(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }

    private static <T> List<T> kept(List<T> points, BitSet rejected, int first) {
        List<T> kept = new ArrayList<>(points.size());
        for (int p = 0; p < points.size(); p++) {
            if (!rejected.get(first + p)) {
                kept.add(points.get(p));
            }
        }
        return kept;
    }
}
