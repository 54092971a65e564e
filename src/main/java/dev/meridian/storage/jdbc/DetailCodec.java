package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.Exemplar;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.MetricValue;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of the "detail" columns of logs and metric points, of resources, and of a span's body within a span
 * run's details ({@link SpanRunCodec}). A column starts with a format version byte, so the layout can evolve
 * without rewriting stored rows; span bodies inside a run have none (the run's details have a format byte).
 */
public final class DetailCodec {

    private static final int V1 = 1;

    private DetailCodec() {
    }

    // ---- spans

    /** What a span run keeps of each span in its details, besides the status message. */
    public record SpanDetail(InstrumentationScope scope, String traceState, int flags, Attributes attributes,
                             int droppedAttributesCount, List<SpanEvent> events, int droppedEventsCount,
                             List<SpanLink> links, int droppedLinksCount) {
    }

    /**
     * A span's detail column value of the former {@code spans} table (version byte, body, packed alone), which
     * migration V21 carries over as it is ({@link SpanRunCodec#migratedDetails}); the writer no longer makes these.
     */
    static byte[] encodeSpan(DetailWriter w, Span span, CompressionDictionaries dictionaries) {
        w.reset();
        w.writeByte(V1);
        writeSpanBody(w, span);
        return w.pack(dictionaries, CompressionDictionaries.SPANS);
    }

    /** The parts of a span that only the trace view reads (see {@link SpanRunCodec}). */
    static void writeSpanBody(DetailWriter w, Span span) {
        writeScope(w, span.scope());
        w.writeString(span.traceState());
        w.writeVarInt(span.flags());
        w.writeAttributes(span.attributes());
        w.writeVarInt(span.droppedAttributesCount());
        w.writeVarInt(span.events().size());
        for (SpanEvent event : span.events()) {
            w.writeSignedVarLong(event.timeNanos() - span.startNanos());
            w.writeString(event.name());
            w.writeAttributes(event.attributes());
            w.writeVarInt(event.droppedAttributesCount());
        }
        w.writeVarInt(span.droppedEventsCount());
        w.writeVarInt(span.links().size());
        for (SpanLink link : span.links()) {
            w.writeFixedLong(link.traceId().hi());
            w.writeFixedLong(link.traceId().lo());
            w.writeFixedLong(link.spanId().value());
            w.writeString(link.traceState());
            w.writeAttributes(link.attributes());
            w.writeVarInt(link.droppedAttributesCount());
            w.writeVarInt(link.flags());
        }
        w.writeVarInt(span.droppedLinksCount());
    }

    static SpanDetail decodeSpan(byte[] packed, long startNanos, CompressionDictionaries dictionaries) {
        DetailReader r = DetailReader.unpack(packed, dictionaries);
        checkVersion(r);
        return readSpanBody(r, startNanos);
    }

    static SpanDetail readSpanBody(DetailReader r, long startNanos) {
        InstrumentationScope scope = readScope(r);
        String traceState = r.readString();
        int flags = r.readVarInt();
        Attributes attributes = r.readAttributes();
        int droppedAttributes = r.readVarInt();
        int eventCount = r.readVarInt();
        List<SpanEvent> events = new ArrayList<>(eventCount);
        for (int i = 0; i < eventCount; i++) {
            long time = startNanos + r.readSignedVarLong();
            events.add(new SpanEvent(time, r.readString(), r.readAttributes(), r.readVarInt()));
        }
        int droppedEvents = r.readVarInt();
        int linkCount = r.readVarInt();
        List<SpanLink> links = new ArrayList<>(linkCount);
        for (int i = 0; i < linkCount; i++) {
            TraceId traceId = new TraceId(r.readFixedLong(), r.readFixedLong());
            SpanId spanId = new SpanId(r.readFixedLong());
            links.add(new SpanLink(traceId, spanId, r.readString(), r.readAttributes(), r.readVarInt(), r.readVarInt()));
        }
        int droppedLinks = r.readVarInt();
        return new SpanDetail(scope, traceState, flags, attributes, droppedAttributes, List.copyOf(events),
                droppedEvents, List.copyOf(links), droppedLinks);
    }

    // ---- resources and scopes

    static byte[] encodeResourceRaw(DetailWriter w, Resource resource) {
        w.reset();
        w.writeByte(V1);
        w.writeAttributes(resource.attributes());
        w.writeVarInt(resource.droppedAttributesCount());
        return w.bytes();
    }

    public static Resource decodeResource(byte[] packed) {
        DetailReader r = DetailReader.unpack(packed);
        checkVersion(r);
        return new Resource(r.readAttributes(), r.readVarInt());
    }

    private static void writeScope(DetailWriter w, InstrumentationScope scope) {
        w.writeString(scope.name());
        w.writeString(scope.version());
        w.writeAttributes(scope.attributes());
        w.writeVarInt(scope.droppedAttributesCount());
    }

    private static InstrumentationScope readScope(DetailReader r) {
        return new InstrumentationScope(r.readString(), r.readString(), r.readAttributes(), r.readVarInt());
    }

    // ---- logs

    /** What a log row keeps outside its columns; {@code body} is null when the body is plain text. */
    public record LogDetail(InstrumentationScope scope, Attributes attributes, int droppedAttributesCount,
                            int flags, String eventName, boolean structuredBody, Object body) {
    }

    static byte[] encodeLog(DetailWriter w, dev.meridian.telemetry.LogRecord log, CompressionDictionaries dictionaries) {
        w.reset();
        w.writeByte(V1);
        writeScope(w, log.scope());
        w.writeAttributes(log.attributes());
        w.writeVarInt(log.droppedAttributesCount());
        w.writeVarInt(log.flags());
        w.writeString(log.eventName());
        if (log.body() instanceof String) {
            w.writeByte(0);
        } else {
            w.writeByte(1);
            w.writeValue(log.body());
        }
        return w.pack(dictionaries, CompressionDictionaries.LOGS);
    }

    public static LogDetail decodeLog(byte[] packed, CompressionDictionaries dictionaries) {
        DetailReader r = DetailReader.unpack(packed, dictionaries);
        checkVersion(r);
        InstrumentationScope scope = readScope(r);
        Attributes attributes = r.readAttributes();
        int dropped = r.readVarInt();
        int flags = r.readVarInt();
        String eventName = r.readString();
        boolean structured = r.readByte() == 1;
        Object body = structured ? r.readValue() : null;
        return new LogDetail(scope, attributes, dropped, flags, eventName, structured, body);
    }

    // ---- metrics

    static byte[] encodeAttributesRaw(DetailWriter w, Attributes attributes) {
        w.reset();
        w.writeByte(V1);
        w.writeAttributes(attributes);
        return w.bytes();
    }

    public static Attributes decodeAttributes(byte[] packed) {
        DetailReader r = DetailReader.unpack(packed);
        checkVersion(r);
        return r.readAttributes();
    }

    /** What a metric point keeps outside its columns. */
    public record PointDetail(MetricValue value, List<Exemplar> exemplars, int flags) {
    }

    static byte[] encodePoint(DetailWriter w, MetricValue value, List<Exemplar> exemplars, int flags) {
        w.reset();
        w.writeByte(V1);
        w.writeVarInt(flags);
        switch (value) {
            case MetricValue.Number n -> {
                w.writeByte(0);
                w.writeDouble(n.value());
                w.writeByte(n.isInteger() ? 1 : 0);
            }
            case MetricValue.Histogram h -> {
                w.writeByte(1);
                w.writeVarLong(h.count());
                writeNullableDouble(w, h.sum());
                writeNullableDouble(w, h.min());
                writeNullableDouble(w, h.max());
                w.writeVarInt(h.explicitBounds().length);
                for (double bound : h.explicitBounds()) {
                    w.writeDouble(bound);
                }
                w.writeVarInt(h.bucketCounts().length);
                for (long count : h.bucketCounts()) {
                    w.writeVarLong(count);
                }
            }
            case MetricValue.ExponentialHistogram e -> {
                w.writeByte(2);
                w.writeVarLong(e.count());
                writeNullableDouble(w, e.sum());
                writeNullableDouble(w, e.min());
                writeNullableDouble(w, e.max());
                w.writeSignedVarLong(e.scale());
                w.writeVarLong(e.zeroCount());
                w.writeDouble(e.zeroThreshold());
                writeBuckets(w, e.positiveOffset(), e.positiveBucketCounts());
                writeBuckets(w, e.negativeOffset(), e.negativeBucketCounts());
            }
            case MetricValue.Summary s -> {
                w.writeByte(3);
                w.writeVarLong(s.count());
                w.writeDouble(s.sum());
                w.writeVarInt(s.quantiles().size());
                for (MetricValue.Quantile q : s.quantiles()) {
                    w.writeDouble(q.quantile());
                    w.writeDouble(q.value());
                }
            }
        }
        w.writeVarInt(exemplars.size());
        for (Exemplar e : exemplars) {
            w.writeFixedLong(e.timeNanos());
            w.writeDouble(e.value());
            w.writeAttributes(e.filteredAttributes());
            w.writeFixedLong(e.traceId().hi());
            w.writeFixedLong(e.traceId().lo());
            w.writeFixedLong(e.spanId().value());
        }
        return w.pack();
    }

    public static PointDetail decodePoint(byte[] packed) {
        DetailReader r = DetailReader.unpack(packed);
        checkVersion(r);
        int flags = r.readVarInt();
        int type = r.readByte();
        MetricValue value = switch (type) {
            case 0 -> new MetricValue.Number(r.readDouble(), r.readByte() == 1);
            case 1 -> {
                long count = r.readVarLong();
                Double sum = readNullableDouble(r), min = readNullableDouble(r), max = readNullableDouble(r);
                double[] bounds = new double[r.readVarInt()];
                for (int i = 0; i < bounds.length; i++) {
                    bounds[i] = r.readDouble();
                }
                long[] counts = new long[r.readVarInt()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = r.readVarLong();
                }
                yield new MetricValue.Histogram(count, sum, min, max, bounds, counts);
            }
            case 2 -> {
                long count = r.readVarLong();
                Double sum = readNullableDouble(r), min = readNullableDouble(r), max = readNullableDouble(r);
                int scale = (int) r.readSignedVarLong();
                long zeroCount = r.readVarLong();
                double zeroThreshold = r.readDouble();
                int positiveOffset = (int) r.readSignedVarLong();
                long[] positive = readBucketCounts(r);
                int negativeOffset = (int) r.readSignedVarLong();
                long[] negative = readBucketCounts(r);
                yield new MetricValue.ExponentialHistogram(count, sum, min, max, scale, zeroCount, zeroThreshold,
                        positiveOffset, positive, negativeOffset, negative);
            }
            case 3 -> {
                long count = r.readVarLong();
                double sum = r.readDouble();
                int n = r.readVarInt();
                List<MetricValue.Quantile> quantiles = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    quantiles.add(new MetricValue.Quantile(r.readDouble(), r.readDouble()));
                }
                yield new MetricValue.Summary(count, sum, List.copyOf(quantiles));
            }
            default -> throw new IllegalStateException("unknown metric value type " + type);
        };
        int exemplarCount = r.readVarInt();
        List<Exemplar> exemplars = new ArrayList<>(exemplarCount);
        for (int i = 0; i < exemplarCount; i++) {
            long time = r.readFixedLong();
            double v = r.readDouble();
            Attributes attributes = r.readAttributes();
            TraceId traceId = new TraceId(r.readFixedLong(), r.readFixedLong());
            exemplars.add(new Exemplar(time, v, attributes, traceId, new SpanId(r.readFixedLong())));
        }
        return new PointDetail(value, List.copyOf(exemplars), flags);
    }

    private static void writeBuckets(DetailWriter w, int offset, long[] counts) {
        w.writeSignedVarLong(offset);
        w.writeVarInt(counts.length);
        for (long count : counts) {
            w.writeVarLong(count);
        }
    }

    private static long[] readBucketCounts(DetailReader r) {
        long[] counts = new long[r.readVarInt()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = r.readVarLong();
        }
        return counts;
    }

    private static void writeNullableDouble(DetailWriter w, Double value) {
        if (value == null) {
            w.writeByte(0);
        } else {
            w.writeByte(1);
            w.writeDouble(value);
        }
    }

    private static Double readNullableDouble(DetailReader r) {
        return r.readByte() == 0 ? null : r.readDouble();
    }

    private static void checkVersion(DetailReader r) {
        int version = r.readByte();
        if (version != V1) {
            throw new IllegalStateException("unknown detail format version " + version);
        }
    }
}
