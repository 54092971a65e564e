package dev.meridian.ingest.otlp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.google.protobuf.util.JsonFormat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Measures and prints; it asserts nothing and is not part of the test run (its name does not end in Test).
 * Run with {@code ./mvnw -B -o test -Dtest=OtlpIngestBenchmark}. Spans go through the SDK's OTLP exporters
 * into the running application with its real H2 storage; a batch counts when the exporter got its success
 * answer, which the receivers send only after the commit.
 */
class OtlpIngestBenchmark extends RunningApp {

    static {
        SdkSenders.preferJdkHttpSender();
    }

    static final int SPANS_PER_REQUEST = 1000;
    static final int REQUESTS = 100;
    static final int IN_FLIGHT = 3; // the SDK gRPC sender (OkHttp) refused a 5th concurrent call here

    @Test
    void ingestThroughput() throws Exception {
        SpanExporter grpc = OtlpGrpcSpanExporter.builder().setEndpoint(otlpGrpc()).setTimeout(java.time.Duration.ofSeconds(60)).build();
        SpanExporter http = OtlpHttpSpanExporter.builder().setEndpoint(otlpHttp("/v1/traces")).setTimeout(java.time.Duration.ofSeconds(60)).build();
        for (int round = 0; round < 2; round++) {
            double grpcRate = run(grpc, generate(REQUESTS, "bench-grpc"));
            double httpRate = run(http, generate(REQUESTS, "bench-http"));
            System.out.printf("%nBENCHMARK [%s] round %d: OTLP/gRPC %,.0f spans/s, OTLP/HTTP protobuf %,.0f spans/s"
                    + " (%d requests x %d spans, %d in flight)%n", getClass().getSimpleName(), round, grpcRate, httpRate,
                    REQUESTS, SPANS_PER_REQUEST, IN_FLIGHT);
        }
        grpc.shutdown().join(5, TimeUnit.SECONDS);
        http.shutdown().join(5, TimeUnit.SECONDS);
        decodeOnly();
    }

    /** Protobuf parse + map, and OTLP/JSON decode + map, in process, one thread. */
    void decodeOnly() throws Exception {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder(
                OtlpRequests.spans(OtlpRequests.randomTraceId(), SPANS_PER_REQUEST));
        var scope = request.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
        for (int i = 0; i < SPANS_PER_REQUEST; i++) {
            var span = scope.getSpansBuilder(i);
            for (int a = 0; a < 8; a++) {
                span.addAttributes(KeyValue.newBuilder().setKey("attribute.key." + a)
                        .setValue(AnyValue.newBuilder().setStringValue("value-" + a + "-" + i)));
            }
        }
        byte[] protobuf = request.build().toByteArray();
        String hexJson = JsonFormat.printer().print(request.build());
        byte[] json = hexIds(hexJson).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            int iterations = 200;
            for (int i = 0; i < iterations; i++) {
                OtlpSignal.TRACES.decodeProtobuf(protobuf);
            }
            double protobufRate = iterations * SPANS_PER_REQUEST / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (int i = 0; i < iterations / 4; i++) {
                OtlpSignal.TRACES.decodeJson(json);
            }
            double jsonRate = iterations / 4 * SPANS_PER_REQUEST / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (int i = 0; i < iterations / 4; i++) {
                ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
                JsonFormat.parser().merge(hexJson, builder);
                OtlpSignal.TRACES.map(builder.build());
            }
            double jsonFormatRate = iterations / 4 * SPANS_PER_REQUEST / ((System.nanoTime() - start) / 1e9);
            System.out.printf("BENCHMARK decode+map (round %d, 8 attributes/span): protobuf %,.0f spans/s, OTLP/JSON decoder %,.0f spans/s,"
                    + " protobuf JsonFormat (base64 ids) %,.0f spans/s; body %,d B protobuf, %,d B JSON%n",
                    round, protobufRate, jsonRate, jsonFormatRate, protobuf.length, json.length);
        }
    }

    /** JsonFormat writes ids as base64; OTLP/JSON wants hex. Only used to build the benchmark body. */
    private static String hexIds(String json) {
        var matcher = java.util.regex.Pattern.compile("\"(traceId|spanId|parentSpanId)\": \"([^\"]*)\"").matcher(json);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String hex = java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(matcher.group(2)));
            matcher.appendReplacement(out, "\"" + matcher.group(1) + "\": \"" + hex + "\"");
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static double run(SpanExporter exporter, List<List<SpanData>> batches) {
        long spans = 0;
        long start = System.nanoTime();
        ArrayDeque<CompletableResultCode> inFlight = new ArrayDeque<>();
        for (List<SpanData> batch : batches) {
            if (inFlight.size() >= IN_FLIGHT) {
                await(inFlight.poll());
            }
            inFlight.add(exporter.export(batch));
            spans += batch.size();
        }
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        return spans / ((System.nanoTime() - start) / 1e9);
    }

    private static void await(CompletableResultCode result) {
        result.join(60, TimeUnit.SECONDS);
        if (!result.isSuccess()) {
            throw new IllegalStateException("export failed: " + result.getFailureThrowable());
        }
    }

    /** Realistic server spans with ~8 attributes each, made by the SDK, {@code SPANS_PER_REQUEST} per batch. */
    private static List<List<SpanData>> generate(int requests, String service) {
        List<SpanData> all = new ArrayList<>();
        SpanExporter collect = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                all.addAll(spans);
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
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.builder().put("service.name", service).build())))
                .addSpanProcessor(SimpleSpanProcessor.create(collect)).build();
        Tracer tracer = provider.get("bench");
        String[] routes = {"/orders/{id}", "/cart", "/checkout", "/items/{id}", "/login"};
        for (int i = 0; i < requests * SPANS_PER_REQUEST / 2; i++) {
            String route = routes[i % routes.length];
            Span server = tracer.spanBuilder("GET " + route).setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", "GET").setAttribute("http.route", route)
                    .setAttribute("http.response.status_code", i % 50 == 0 ? 500L : 200L)
                    .setAttribute("url.scheme", "https").setAttribute("server.address", "shop.example")
                    .setAttribute("user_agent.original", "Mozilla/5.0").setAttribute("order.id", "o-" + i)
                    .setAttribute("client.address", "10.0.0." + (i % 200)).startSpan();
            try (Scope ignored = server.makeCurrent()) {
                tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).setAttribute("db.system.name", "postgresql")
                        .setAttribute("db.query.text", "select * from orders where id = ?").setAttribute("db.namespace", "shop")
                        .setAttribute("server.address", "db").setAttribute("server.port", 5432L).startSpan().end();
            } finally {
                server.end();
            }
        }
        provider.shutdown().join(5, TimeUnit.SECONDS);
        List<List<SpanData>> batches = new ArrayList<>();
        for (int i = 0; i + SPANS_PER_REQUEST <= all.size(); i += SPANS_PER_REQUEST) {
            batches.add(List.copyOf(all.subList(i, i + SPANS_PER_REQUEST)));
        }
        return batches;
    }
}
