package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
import tools.jackson.databind.JsonNode;

/**
 * The real OpenTelemetry Java SDK exporters, OTLP/gRPC and OTLP/HTTP (protobuf, gzip), against the running app;
 * what they sent is read back through the query API.
 */
class OtlpSdkExportTest extends RunningApp {

    static {
        // Both the JDK and the OkHttp HTTP senders are on the test classpath: OTLP/HTTP goes through the JDK's
        // HttpClient (exporter-sender-jdk), OTLP/gRPC through OkHttp (the only gRPC sender).
        SdkSenders.preferJdkHttpSender();
    }

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

        List<JsonNode> spans = api().spans(TraceId.fromHex(traceHex));
        assertThat(spans).hasSize(2);
        JsonNode server = spans.stream().filter(span -> span.path("parentSpanId").isNull()).findFirst().orElseThrow();
        JsonNode client = spans.stream().filter(span -> !span.path("parentSpanId").isNull()).findFirst().orElseThrow();
        assertThat(client.path("parentSpanId").asString()).isEqualTo(server.path("spanId").asString());
        assertThat(client.path("kind").asString()).isEqualTo("CLIENT");
        assertThat(server.path("service").asString()).isEqualTo(service);
        assertThat(server.path("resource").path("telemetry.sdk.language").asString()).isEqualTo("java");
        assertThat(server.path("resource").path("deployment.environment.name").asString()).isEqualTo("test");
        assertThat(server.path("scope").path("name").asString()).isEqualTo("dev.meridian.test");
        assertThat(server.path("scope").path("version").asString()).isEqualTo("1.2.3");
        assertThat(server.path("name").asString()).isEqualTo("GET /orders/{id}");
        assertThat(server.path("kind").asString()).isEqualTo("SERVER");
        assertThat(server.path("flags").asInt() & 0x01).isEqualTo(1);
        assertThat(server.path("durationMs").asDouble()).isPositive();
        JsonNode attributes = server.path("attributes");
        assertThat(attributes.path("http.route").asString()).isEqualTo("/orders/{id}");
        assertThat(attributes.path("http.response.status_code").isIntegralNumber()).isTrue();
        assertThat(attributes.path("http.response.status_code").asLong()).isEqualTo(500L);
        assertThat(attributes.path("ratio").asDouble()).isEqualTo(0.25);
        assertThat(attributes.path("cached").asBoolean()).isTrue();
        assertThat(attributes.path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(server.path("events")).extracting(event -> event.path("name").asString()).containsExactly("cache.miss", "exception");
        assertThat(server.path("events").path(0).path("attributes").path("attempt").asLong()).isEqualTo(2L);
        assertThat(server.path("events").path(1).path("attributes").path("exception.message").asString()).isEqualTo("order 42 not found");
        assertThat(server.path("links")).singleElement().satisfies(link -> {
            assertThat(link.path("traceId").asString()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(link.path("spanId").asString()).isEqualTo("b7ad6b7169203331");
            assertThat(link.path("traceState").asString()).isEqualTo("vendor=x");
            assertThat(link.path("attributes").path("link.kind").asString()).isEqualTo("retry-of");
        });
        assertThat(server.path("status").path("code").asString()).isEqualTo("ERROR");
        assertThat(server.path("status").path("message").asString()).isEqualTo("order lookup failed");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void logRecordExporter_storesLogsWithBodySeverityAttributesAndTraceContext(Transport transport) {
        String service = "billing-" + transport.name().toLowerCase();
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource(service))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(transport.logs(this))).build();
        SdkTracerProvider tracing = recordingTracerProvider();
        io.opentelemetry.api.trace.Span span = tracing.get("t").spanBuilder("work").startSpan();
        Context context = Context.root().with(span);

        var logger = provider.get("dev.meridian.logs");
        // within the retention period, or the receiver rejects it
        java.time.Instant declinedAt = java.time.Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        logger.logRecordBuilder().setSeverity(Severity.ERROR).setSeverityText("ERROR").setBody("payment declined")
                .setAttribute(AttributeKey.stringKey("order.id"), "o-17").setContext(context)
                .setTimestamp(declinedAt).emit();
        logger.logRecordBuilder().setSeverity(Severity.INFO)
                .setBody(Value.of(Map.of("amount", Value.of(12.5), "currency", Value.of("EUR"))))
                .setEventName("payment.accepted").setContext(context).emit();
        assertSuccess(provider.forceFlush());
        provider.shutdown().join(5, TimeUnit.SECONDS);

        assertThat(span.getSpanContext().isValid()).isTrue();
        List<JsonNode> logs = api().logs(TraceId.fromHex(span.getSpanContext().getTraceId()));
        assertThat(logs).hasSize(2).allSatisfy(log -> assertThat(log.path("service").asString()).isEqualTo(service));
        JsonNode declined = logs.stream().filter(log -> log.path("body").asString("").equals("payment declined")).findFirst().orElseThrow();
        assertThat(declined.path("severityNumber").asInt()).isEqualTo(Severity.ERROR.getSeverityNumber());
        assertThat(declined.path("severityText").asString()).isEqualTo("ERROR");
        assertThat(declined.path("timeUnixNano").asString()).isEqualTo(Long.toString(declinedAt.getEpochSecond() * 1_000_000_000L));
        assertThat(declined.path("observedTimeUnixNano").asLong()).isPositive();
        assertThat(declined.path("attributes").path("order.id").asString()).isEqualTo("o-17");
        assertThat(declined.path("traceId").asString()).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(declined.path("spanId").asString()).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(declined.path("resource").path("service.name").asString()).isEqualTo(service);
        JsonNode accepted = logs.stream().filter(log -> log.path("eventName").asString("").equals("payment.accepted")).findFirst().orElseThrow();
        assertThat(accepted.path("body").path("amount").asDouble()).isEqualTo(12.5);
        assertThat(accepted.path("body").path("currency").asString()).isEqualTo("EUR");
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

        SdkTracerProvider tracing = recordingTracerProvider();
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

        Map<String, JsonNode> metrics = api().metrics(service).stream()
                .collect(java.util.stream.Collectors.toMap(metric -> metric.path("name").asString(), metric -> metric));
        assertThat(metrics).containsKeys("requests", "in.flight", "temperature", "latency", "queue.wait");
        assertThat(metrics.get("requests").path("type").asString()).isEqualTo("SUM");
        assertThat(metrics.get("requests").path("unit").asString()).isEqualTo("{request}");
        assertThat(metrics.get("requests").path("description").asString()).isEqualTo("handled requests");
        assertThat(metrics.get("in.flight").path("type").asString()).isEqualTo("SUM");
        assertThat(metrics.get("temperature").path("type").asString()).isEqualTo("GAUGE");
        assertThat(metrics.get("temperature").path("unit").asString()).isEqualTo("Cel");
        assertThat(metrics.get("latency").path("type").asString()).isEqualTo("HISTOGRAM");
        assertThat(metrics.get("queue.wait").path("type").asString()).isEqualTo("EXPONENTIAL_HISTOGRAM");

        // shutdown() exports the cumulative points once more: every exported value is the same
        assertThat(api().seriesValues("requests", service, "last")).isNotEmpty().containsOnly(3.0);
        assertThat(api().seriesValues("in.flight", service, "last")).isNotEmpty().containsOnly(-2.0);
        assertThat(api().seriesValues("temperature", service, "last")).isNotEmpty().containsOnly(21.5);
        // counts are observations per bucket: when the second export falls in the next minute, that bucket counts 0
        assertThat(api().seriesValues("latency", service, "count")).isNotEmpty()
                .satisfies(counts -> assertThat(counts.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(2.0));
    }

    /** A tracer provider whose spans are real and sampled (one without processors hands out no-op spans). */
    private static SdkTracerProvider recordingTracerProvider() {
        SpanExporter discard = new SpanExporter() {
            @Override
            public CompletableResultCode export(java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        return SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(discard)).build();
    }

    private static void assertSuccess(CompletableResultCode result) {
        result.join(15, TimeUnit.SECONDS);
        assertThat(result.isSuccess()).as("export succeeded").isTrue();
    }
}
