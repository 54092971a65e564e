package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two packed columns of a {@code span_runs} row: one row holds the spans of one trace and one service that
 * one transaction stored, with consecutive keys ({@code first_key + i} for the i-th span).
 *
 * <p>{@code heads} (not compressed) holds what searches, sorts, summaries and the service map read, so they never
 * decompress details: per span its id, parent id, name id, kind, start, end, status code and resource id.
 * {@code details} holds what only the trace view reads: per span its status message and {@link DetailCodec}'s span
 * body, compressed once for the whole run (with the trained dictionary once there is one). Why runs: H2's cost per
 * stored span was the number of B-tree entries it writes (insert, undo log, commit, page serialization, garbage for
 * the GC), and a run of 8 spans is one row and one entry per index instead of 8.
 */
public final class SpanRunCodec {

    private static final int HEADS_V1 = 1;
    /** Details of a run written by the writer: packed once, each span's status message and body inside. */
    private static final int DETAILS_RUN = 1;
    /** Details of one span carried over from the former {@code spans} table: its status message and old detail. */
    private static final int DETAILS_MIGRATED_SPAN = 2;
    private static final int NEW_RESOURCE = 1 << 5;

    private SpanRunCodec() {
    }

    /** One span as the heads column holds it. */
    public record Head(long key, long spanId, long parentSpanId, int nameId, int kind, long startNanos, long endNanos,
                       int statusCode, long resourceId) {

        public long durationNanos() {
            return Math.max(0, endNanos - startNanos);
        }

        public boolean error() {
            return statusCode == 2;
        }

        public boolean root() {
            return parentSpanId == 0;
        }
    }

    /** A span's status message and the parts of it that only the trace view reads. */
    public record Detail(String statusMessage, DetailCodec.SpanDetail body) {
    }

    /** @param runStartNanos the earliest start of the run ({@code start_ns} of the row) */
    static byte[] encodeHeads(DetailWriter w, List<Head> heads, long runStartNanos) {
        w.reset();
        w.writeByte(HEADS_V1);
        w.writeVarInt(heads.size());
        long previousResource = 0;
        for (int i = 0; i < heads.size(); i++) {
            Head head = heads.get(i);
            boolean newResource = i == 0 || head.resourceId() != previousResource;
            w.writeFixedLong(head.spanId());
            w.writeFixedLong(head.parentSpanId());
            w.writeVarInt(head.nameId());
            w.writeByte(head.kind() & 7 | (head.statusCode() & 3) << 3 | (newResource ? NEW_RESOURCE : 0));
            w.writeVarLong(head.startNanos() - runStartNanos);
            w.writeSignedVarLong(head.endNanos() - head.startNanos());
            if (newResource) {
                w.writeFixedLong(head.resourceId());
                previousResource = head.resourceId();
            }
        }
        return w.bytes();
    }

    /** The heads of a run whose first key is {@code firstKey} and earliest start {@code runStartNanos}. */
    public static List<Head> decodeHeads(byte[] heads, long firstKey, long runStartNanos) {
        DetailReader r = new DetailReader(heads);
        int version = r.readByte();
        if (version != HEADS_V1) {
            throw new IllegalStateException("unknown span heads version " + version);
        }
        int count = r.readVarInt();
        List<Head> out = new ArrayList<>(count);
        long resource = 0;
        for (int i = 0; i < count; i++) {
            long spanId = r.readFixedLong();
            long parent = r.readFixedLong();
            int nameId = r.readVarInt();
            int flags = r.readByte();
            long start = runStartNanos + r.readVarLong();
            long end = start + r.readSignedVarLong();
            if ((flags & NEW_RESOURCE) != 0) {
                resource = r.readFixedLong();
            }
            out.add(new Head(firstKey + i, spanId, parent, nameId, flags & 7, start, end, flags >>> 3 & 3, resource));
        }
        return out;
    }

    /** The details of a run's spans, in key order, packed once. */
    static byte[] encodeDetails(DetailWriter w, List<Span> spans, CompressionDictionaries dictionaries) {
        w.reset();
        for (Span span : spans) {
            w.writeString(span.status().message());
            DetailCodec.writeSpanBody(w, span);
        }
        return withFormat(DETAILS_RUN, w.pack(dictionaries, CompressionDictionaries.SPANS));
    }

    /** The details column of a span migrated from the {@code spans} table, from its columns. */
    static byte[] migratedDetails(DetailWriter w, String statusMessage, byte[] oldDetail) {
        w.reset();
        w.writeString(statusMessage);
        w.writeRaw(oldDetail);
        return withFormat(DETAILS_MIGRATED_SPAN, w.bytes());
    }

    /** The details of every span of a run, in the order of its heads. */
    public static List<Detail> decodeDetails(byte[] details, List<Head> heads, CompressionDictionaries dictionaries) {
        byte[] payload = Arrays.copyOfRange(details, 1, details.length);
        List<Detail> out = new ArrayList<>(heads.size());
        switch (details[0]) {
            case DETAILS_RUN -> {
                DetailReader r = new DetailReader(Compression.unpack(payload, dictionaries));
                for (Head head : heads) {
                    String message = r.readString();
                    out.add(new Detail(message, DetailCodec.readSpanBody(r, head.startNanos())));
                }
            }
            case DETAILS_MIGRATED_SPAN -> {
                DetailReader r = new DetailReader(payload);
                String message = r.readString();
                byte[] oldDetail = r.readRest();
                out.add(new Detail(message, DetailCodec.decodeSpan(oldDetail, heads.getFirst().startNanos(), dictionaries)));
            }
            default -> throw new IllegalStateException("unknown span details format " + details[0]);
        }
        return out;
    }

    private static byte[] withFormat(int format, byte[] payload) {
        byte[] out = new byte[payload.length + 1];
        out[0] = (byte) format;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }
}
