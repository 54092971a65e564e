package dev.meridian.testing;

import dev.meridian.telemetry.AggregationTemporality;
import dev.meridian.telemetry.Attributes;
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
import dev.meridian.telemetry.TraceId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders of telemetry records for tests, with readable defaults. */
public final class Telemetry {

    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    public static final long T0_NANOS = T0.getEpochSecond() * 1_000_000_000L;
    public static final long MS = 1_000_000L;

    private Telemetry() {
    }

    public static Resource resource(String service) {
        return new Resource(Attributes.of(Map.of("service.name", service, "host.name", "host-1",
                "telemetry.sdk.language", "java")), 0);
    }

    public static Attributes attrs(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Attributes.of(map);
    }

    public static SpanBuilder span(String service, String name) {
        return new SpanBuilder(service, name);
    }

    public static final class SpanBuilder {
        private final String service;
        private final String name;
        private TraceId traceId = new TraceId(1, 1);
        private SpanId spanId = new SpanId(1);
        private SpanId parent = SpanId.NONE;
        private SpanKind kind = SpanKind.SERVER;
        private long start = T0_NANOS;
        private long durationNanos = 10 * MS;
        private Attributes attributes = Attributes.EMPTY;
        private SpanStatus status = SpanStatus.UNSET;
        private List<SpanEvent> events = List.of();
        private List<SpanLink> links = List.of();

        SpanBuilder(String service, String name) {
            this.service = service;
            this.name = name;
        }

        public SpanBuilder trace(long hi, long lo) { traceId = new TraceId(hi, lo); return this; }
        public SpanBuilder trace(TraceId id) { traceId = id; return this; }
        public SpanBuilder id(long id) { spanId = new SpanId(id); return this; }
        public SpanBuilder parent(long id) { parent = new SpanId(id); return this; }
        public SpanBuilder kind(SpanKind k) { kind = k; return this; }
        public SpanBuilder start(long nanos) { start = nanos; return this; }
        public SpanBuilder startMs(long msAfterT0) { start = T0_NANOS + msAfterT0 * MS; return this; }
        public SpanBuilder durationMs(double ms) { durationNanos = (long) (ms * MS); return this; }
        public SpanBuilder durationNanos(long nanos) { durationNanos = nanos; return this; }
        public SpanBuilder attributes(Object... kv) { attributes = attrs(kv); return this; }
        public SpanBuilder error(String message) { status = new SpanStatus(StatusCode.ERROR, message); return this; }
        public SpanBuilder events(SpanEvent... e) { events = List.of(e); return this; }
        public SpanBuilder links(SpanLink... l) { links = List.of(l); return this; }

        public Span build() {
            return new Span(resource(service), new InstrumentationScope("io.test", "1.0", Attributes.EMPTY, 0),
                    traceId, spanId, parent, "", 1, name, kind, start, start + durationNanos, attributes, 0,
                    events, 0, links, 0, status);
        }
    }

    public static LogRecord log(String service, long timeNanos, int severity, String body, TraceId traceId, SpanId spanId) {
        return new LogRecord(resource(service), InstrumentationScope.EMPTY, timeNanos, timeNanos, severity,
                severityText(severity), body, attrs("thread.name", "main"), 0, 0, traceId, spanId, "");
    }

    static String severityText(int number) {
        if (number >= 17) return "ERROR";
        if (number >= 13) return "WARN";
        if (number >= 9) return "INFO";
        if (number >= 5) return "DEBUG";
        return "TRACE";
    }

    public static MetricPoint gauge(String service, String name, long timeNanos, double value, Attributes attributes) {
        return new MetricPoint(resource(service), InstrumentationScope.EMPTY, name, "a gauge", "1", MetricType.GAUGE,
                AggregationTemporality.UNSPECIFIED, false, attributes, 0, timeNanos,
                new MetricValue.Number(value, false), List.of(), 0);
    }

    public static MetricPoint counter(String service, String name, long startNanos, long timeNanos, double value,
                                      Attributes attributes) {
        return new MetricPoint(resource(service), InstrumentationScope.EMPTY, name, "a counter", "1", MetricType.SUM,
                AggregationTemporality.CUMULATIVE, true, attributes, startNanos, timeNanos,
                new MetricValue.Number(value, true), List.of(), 0);
    }

    public static MetricPoint histogram(String service, String name, long startNanos, long timeNanos,
                                        double[] bounds, long[] counts, AggregationTemporality temporality) {
        long total = 0;
        for (long c : counts) total += c;
        return new MetricPoint(resource(service), InstrumentationScope.EMPTY, name, "a histogram", "ms",
                MetricType.HISTOGRAM, temporality, false, Attributes.EMPTY, startNanos, timeNanos,
                new MetricValue.Histogram(total, 0.0, null, null, bounds, counts), List.of(), 0);
    }
}
