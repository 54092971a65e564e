package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.meridian.telemetry.AggregationTemporality;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.MetricValue;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.TraceId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** The real OpenTelemetry Java SDK exporters, OTLP/gRPC and OTLP/HTTP (protobuf, gzip), against the running app. */
class OtlpSdkExportTest extends RunningApp {

    enum Transport {
        GRPC, HTTP_PROTOBUF, GRPC_GZIP, HTTP_PROTOBUF_GZIP;

        String compression() {
            return name().endsWith("GZIP") ? "gzip" : "none";
        }

        SpanExporter spans(RunningApp app) {
            return this == GRPC || this == GRPC_GZIP
                    ? OtlpGrpcSpanExporter.builder().setEndpoint(app.otlpGrpc()).setCompression(compression()).build()
                    : OtlpHttpSpanExporter.builder().setEndpoint(app.otlpHttp("/v1/traces")).setCompression(compression()).build();
        }

        LogRecordExporter logs(RunningApp app) {
            return this == GRPC || this == GRPC_GZIP
                    ? OtlpGrpcLogRecordExporter.builder().setEndpoint(app.otlpGrpc()).setCompression(compression()).build()
                    : OtlpHttpLogRecordExporter.builder().setEndpoint(app.otlpHttp("/v1/logs")).setCompression(compression()).build();
        }

        MetricExporter metrics(RunningApp app) {
            return this == GRPC || this == GRPC_GZIP
                    ? OtlpGrpcMetricExporter.builder().setEndpoint(app.otlpGrpc()).setCompression(compression()).build()
                    : OtlpHttpMetricExporter.builder().setEndpoint(app.otlpHttp("/v1/metrics")).setCompression(compression()).build();
        }
    }

    private static Resource resource(String service) {
        return Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put("service.name", service).put("deployment.environment.name", "test").build()));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void spanExporter_storesTraceWithAttributesEventsLinksAndStatus(Transport transport) {
        String service = "checkout-" + transport.name().toLowerCase();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource(service))
                .addSpanProcessor(SimpleSpanProcessor.create(transport.spans(this))).build();
        Tracer tracer = provider.get("dev.meridian.test", "1.2.3");
        SpanContext linked = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "x").build());

        io.opentelemetry.api.trace.Span root = tracer.spanBuilder("GET /orders/{id}")
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
                .setAttribute("http.route", "/orders/{id}")
                .setAttribute("http.response.status_code", 500L)
                .setAttribute("ratio", 0.25)
                .setAttribute("cached", true)
                .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                .addLink(linked, Attributes.of(AttributeKey.stringKey("link.kind"), "retry-of"))
                .startSpan();
        String traceHex;
        try (Scope ignored = root.makeCurrent()) {
            traceHex = root.getSpanContext().getTraceId();
            io.opentelemetry.api.trace.Span child = tracer.spanBuilder("SELECT orders")
                    .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT).startSpan();
            child.end();
            root.addEvent("cache.miss", Attributes.of(AttributeKey.longKey("attempt"), 2L));
            root.recordException(new IllegalStateException("order 42 not found"));
            root.setStatus(StatusCode.ERROR, "order lookup failed");
        } finally {
            root.end();
        }
        assertSuccess(provider.forceFlush());
        provider.shutdown().join(5, TimeUnit.SECONDS);

        List<Span> spans = stored.spansOf(TraceId.fromHex(traceHex));
        assertThat(spans).hasSize(2);
        Span server = spans.stream().filter(Span::isRoot).findFirst().orElseThrow();
        Span client = spans.stream().filter(span -> !span.isRoot()).findFirst().orElseThrow();
        assertThat(client.parentSpanId()).isEqualTo(server.spanId());
        assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
        assertThat(server.serviceName()).isEqualTo(service);
        assertThat(server.resource().attributes().getString("telemetry.sdk.language")).isEqualTo("java");
        assertThat(server.scope().name()).isEqualTo("dev.meridian.test");
        assertThat(server.scope().version()).isEqualTo("1.2.3");
        assertThat(server.name()).isEqualTo("GET /orders/{id}");
        assertThat(server.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.flags() & 0x01).isEqualTo(1);
        assertThat(server.durationNanos()).isPositive();
        assertThat(server.attributes().values()).containsEntry("http.route", "/orders/{id}")
                .containsEntry("http.response.status_code", 500L).containsEntry("ratio", 0.25)
                .containsEntry("cached", true).containsEntry("tags", List.of("a", "b"));
        assertThat(server.events()).extracting(event -> event.name()).containsExactly("cache.miss", "exception");
        assertThat(server.events().get(0).attributes().values()).containsEntry("attempt", 2L);
        assertThat(server.events().get(1).attributes().getString("exception.message")).isEqualTo("order 42 not found");
        assertThat(server.links()).singleElement().satisfies(link -> {
            assertThat(link.traceId().toHex()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(link.spanId().toHex()).isEqualTo("b7ad6b7169203331");
            assertThat(link.traceState()).isEqualTo("vendor=x");
            assertThat(link.attributes().values()).containsEntry("link.kind", "retry-of");
        });
        assertThat(server.status().code()).isEqualTo(dev.meridian.telemetry.StatusCode.ERROR);
        assertThat(server.status().message()).isEqualTo("order lookup failed");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void logRecordExporter_storesLogsWithBodySeverityAttributesAndTraceContext(Transport transport) {
        String service = "billing-" + transport.name().toLowerCase();
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource(service))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(transport.logs(this))).build();
        SdkTracerProvider tracing = SdkTracerProvider.builder().build();
        io.opentelemetry.api.trace.Span span = tracing.get("t").spanBuilder("work").startSpan();
        Context context = Context.root().with(span);

        var logger = provider.get("dev.meridian.logs");
        logger.logRecordBuilder().setSeverity(Severity.ERROR).setSeverityText("ERROR").setBody("payment declined")
                .setAttribute(AttributeKey.stringKey("order.id"), "o-17").setContext(context)
                .setTimestamp(java.time.Instant.parse("2026-11-25T10:00:00Z")).emit();
        logger.logRecordBuilder().setSeverity(Severity.INFO)
                .setBody(Value.of(Map.of("amount", Value.of(12.5), "currency", Value.of("EUR"))))
                .setEventName("payment.accepted").setContext(context).emit();
        assertSuccess(provider.forceFlush());
        provider.shutdown().join(5, TimeUnit.SECONDS);

        List<LogRecord> logs = stored.logs().stream().filter(log -> log.serviceName().equals(service)).toList();
        assertThat(logs).hasSize(2);
        LogRecord declined = logs.stream().filter(log -> "payment declined".equals(log.body())).findFirst().orElseThrow();
        assertThat(declined.severityNumber()).isEqualTo(Severity.ERROR.getSeverityNumber());
        assertThat(declined.severityText()).isEqualTo("ERROR");
        assertThat(declined.timeNanos()).isEqualTo(1_795_600_800_000_000_000L);
        assertThat(declined.observedTimeNanos()).isPositive();
        assertThat(declined.attributes().values()).containsEntry("order.id", "o-17");
        assertThat(declined.traceId().toHex()).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(declined.spanId().toHex()).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(declined.scope().name()).isEqualTo("dev.meridian.logs");
        LogRecord accepted = logs.stream().filter(log -> log.eventName().equals("payment.accepted")).findFirst().orElseThrow();
        assertThat(accepted.body()).isEqualTo(Map.of("amount", 12.5, "currency", "EUR"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void metricExporter_storesSumsGaugesHistogramsAndExponentialHistograms(Transport transport) {
        String service = "inventory-" + transport.name().toLowerCase();
        SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource(service))
                .registerMetricReader(PeriodicMetricReader.builder(transport.metrics(this)).setInterval(Duration.ofHours(1)).build())
                .registerView(InstrumentSelector.builder().setName("queue.wait").build(),
                        View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
                .build();
        var meter = provider.get("dev.meridian.metrics");
        LongCounter requests = meter.counterBuilder("requests").setUnit("{request}").setDescription("handled requests").build();
        var inFlight = meter.upDownCounterBuilder("in.flight").build();
        var temperature = meter.gaugeBuilder("temperature").setUnit("Cel").build();
        DoubleHistogram latency = meter.histogramBuilder("latency").setUnit("ms").build();
        DoubleHistogram wait = meter.histogramBuilder("queue.wait").setUnit("ms").build();

        SdkTracerProvider tracing = SdkTracerProvider.builder().build();
        io.opentelemetry.api.trace.Span span = tracing.get("t").spanBuilder("sampled").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            requests.add(3, Attributes.of(AttributeKey.stringKey("route"), "/a"));
            inFlight.add(-2);
            temperature.set(21.5);
            latency.record(12.0);
            latency.record(250.0);
            wait.record(3.0);
            wait.record(7.0);
        } finally {
            span.end();
        }
        assertSuccess(provider.forceFlush());
        provider.shutdown().join(5, TimeUnit.SECONDS);

        Map<String, MetricPoint> points = stored.metricPoints().stream()
                .filter(point -> point.serviceName().equals(service) && point.scope().name().equals("dev.meridian.metrics"))
                .collect(java.util.stream.Collectors.toMap(MetricPoint::name, point -> point, (a, b) -> b));
        assertThat(points).containsOnlyKeys("requests", "in.flight", "temperature", "latency", "queue.wait");

        MetricPoint counter = points.get("requests");
        assertThat(counter.type()).isEqualTo(MetricType.SUM);
        assertThat(counter.monotonic()).isTrue();
        assertThat(counter.temporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
        assertThat(counter.unit()).isEqualTo("{request}");
        assertThat(counter.description()).isEqualTo("handled requests");
        assertThat(counter.attributes().values()).containsEntry("route", "/a");
        assertThat(counter.value()).isEqualTo(new MetricValue.Number(3, true));

        assertThat(points.get("in.flight").monotonic()).isFalse();
        assertThat(points.get("in.flight").value()).isEqualTo(new MetricValue.Number(-2, true));
        assertThat(points.get("temperature").type()).isEqualTo(MetricType.GAUGE);
        assertThat(points.get("temperature").value()).isEqualTo(new MetricValue.Number(21.5, false));

        MetricPoint histogram = points.get("latency");
        assertThat(histogram.type()).isEqualTo(MetricType.HISTOGRAM);
        var histogramValue = (MetricValue.Histogram) histogram.value();
        assertThat(histogramValue.count()).isEqualTo(2);
        assertThat(histogramValue.sum()).isEqualTo(262.0);
        assertThat(histogramValue.min()).isEqualTo(12.0);
        assertThat(histogramValue.max()).isEqualTo(250.0);
        assertThat(histogramValue.bucketCounts()).hasSize(histogramValue.explicitBounds().length + 1);
        assertThat(java.util.Arrays.stream(histogramValue.bucketCounts()).sum()).isEqualTo(2);

        MetricPoint exponential = points.get("queue.wait");
        assertThat(exponential.type()).isEqualTo(MetricType.EXPONENTIAL_HISTOGRAM);
        var exponentialValue = (MetricValue.ExponentialHistogram) exponential.value();
        assertThat(exponentialValue.count()).isEqualTo(2);
        assertThat(exponentialValue.sum()).isEqualTo(10.0);
        assertThat(java.util.Arrays.stream(exponentialValue.positiveBucketCounts()).sum()).isEqualTo(2);
    }

    private static void assertSuccess(CompletableResultCode result) {
        result.join(15, TimeUnit.SECONDS);
        assertThat(result.isSuccess()).as("export succeeded").isTrue();
    }
}
