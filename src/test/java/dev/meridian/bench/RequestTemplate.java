package dev.meridian.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * A serialized {@code ExportTraceServiceRequest} and where in its bytes each span's ids, times and
 * high-cardinality attribute value are, so that a send copies the bytes and patches about 60 bytes per span
 * instead of building and serializing messages. Every patched field has a fixed length on the wire (16 and
 * 8 byte ids, fixed64 times, fixed-width decimal values), so no length prefix changes.
 *
 * <p>Slots are in trace order ({@code roots[i]} starts a trace, the slots after it are its children), which
 * need not be wire order: the SDK groups spans by instrumentation scope.
 */
final class RequestTemplate {

    private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LITTLE_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** What the template builder decided for one span, in trace order. */
    record Slot(boolean root, long rootDuration, double startFraction, double durationFraction, int digits) {
    }

    private final byte[] bytes;
    private final String service;
    private final boolean[] root;
    private final long[] rootDuration;
    private final double[] startFraction;
    private final double[] durationFraction;
    private final int[] digits;
    private final int[] traceIdAt;
    private final int[] spanIdAt;
    private final int[] parentIdAt;
    private final int[] startAt;
    private final int[] endAt;
    private final int[] valueEnd;

    /**
     * @param bytes       the serialized request, with placeholders in the patched fields
     * @param slots       the spans in trace order
     * @param wireToSlot  for the i-th span on the wire, its slot
     * @param valueKeys   attribute keys whose string value ends in {@link Slot#digits()} digits to patch
     */
    RequestTemplate(byte[] bytes, String service, List<Slot> slots, int[] wireToSlot, List<String> valueKeys) {
        this.bytes = bytes;
        this.service = service;
        int n = slots.size();
        root = new boolean[n];
        rootDuration = new long[n];
        startFraction = new double[n];
        durationFraction = new double[n];
        digits = new int[n];
        for (int i = 0; i < n; i++) {
            Slot slot = slots.get(i);
            root[i] = slot.root();
            rootDuration[i] = slot.rootDuration();
            startFraction[i] = slot.startFraction();
            durationFraction[i] = slot.durationFraction();
            digits[i] = slot.digits();
        }
        traceIdAt = new int[n];
        spanIdAt = new int[n];
        parentIdAt = new int[n];
        startAt = new int[n];
        endAt = new int[n];
        valueEnd = new int[n];
        List<int[]> wire = spanFields(bytes, valueKeys);
        if (wire.size() != n) {
            throw new IllegalStateException("found " + wire.size() + " spans on the wire, expected " + n);
        }
        for (int w = 0; w < n; w++) {
            int[] at = wire.get(w);
            int s = wireToSlot[w];
            traceIdAt[s] = at[0];
            spanIdAt[s] = at[1];
            parentIdAt[s] = at[2];
            startAt[s] = at[3];
            endAt[s] = at[4];
            valueEnd[s] = at[5];
            if (at[0] < 0 || at[1] < 0 || at[3] < 0 || at[4] < 0 || at[5] < 0 || (at[2] < 0) != root[s]) {
                throw new IllegalStateException("span " + w + " on the wire lacks a field to patch");
            }
        }
    }

    int length() {
        return bytes.length;
    }

    int spans() {
        return root.length;
    }

    String service() {
        return service;
    }

    /**
     * Copies the template to {@code out} at {@code offset} and writes fresh ids, times and values from
     * {@code stream}: a root starts a trace that ended up to the spread before {@code now}; the other spans
     * belong to the stream's current trace, inside their root's time.
     */
    void writeTo(byte[] out, int offset, TraceStream stream, long now) {
        System.arraycopy(bytes, 0, out, offset, bytes.length);
        for (int i = 0; i < root.length; i++) {
            long spanId;
            long start;
            long end;
            if (root[i]) {
                stream.beginTrace(now, rootDuration[i]);
                spanId = stream.rootSpanId;
                start = stream.rootStart;
                end = start + rootDuration[i];
            } else {
                spanId = stream.nextSpanId();
                start = stream.rootStart + (long) (startFraction[i] * stream.rootDuration);
                end = start + Math.max(1_000, (long) (durationFraction[i] * stream.rootDuration));
                BIG_ENDIAN.set(out, offset + parentIdAt[i], stream.rootSpanId);
            }
            BIG_ENDIAN.set(out, offset + traceIdAt[i], stream.traceHigh);
            BIG_ENDIAN.set(out, offset + traceIdAt[i] + 8, stream.traceLow);
            BIG_ENDIAN.set(out, offset + spanIdAt[i], spanId);
            LITTLE_ENDIAN.set(out, offset + startAt[i], start);
            LITTLE_ENDIAN.set(out, offset + endAt[i], end);
            long value = root[i] ? stream.userId : stream.orderId;
            for (int d = offset + valueEnd[i] - 1, stop = d - digits[i]; d > stop; d--) {
                out[d] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }
        stream.advance(root.length);
    }

    /**
     * For each span on the wire: offsets of trace id, span id, parent span id (-1 when absent), start, end,
     * and the end of the value of the first attribute named in {@code valueKeys}.
     */
    private static List<int[]> spanFields(byte[] request, List<String> valueKeys) {
        List<int[]> spans = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(request);
            // ExportTraceServiceRequest.resource_spans(1) -> ResourceSpans.scope_spans(2) -> ScopeSpans.spans(2)
            messages(in, 1, () -> messages(in, 2, () -> messages(in, 2, () -> spans.add(span(in, valueKeys)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }

    private interface Body {
        void read() throws IOException;
    }

    /** Reads each embedded message of field {@code field} with {@code body}, skipping other fields. */
    private static void messages(CodedInputStream in, int field, Body body) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == lengthDelimited(field)) {
                int outer = in.pushLimit(in.readRawVarint32());
                body.read();
                in.popLimit(outer);
            } else {
                in.skipField(tag);
            }
        }
    }

    private static int[] span(CodedInputStream in, List<String> valueKeys) throws IOException {
        int[] at = {-1, -1, -1, -1, -1, -1};
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> at[0] = bytesAt(in, 16);  // trace_id
                case 2 -> at[1] = bytesAt(in, 8);   // span_id
                case 4 -> at[2] = bytesAt(in, 8);   // parent_span_id
                case 7 -> {                         // start_time_unix_nano
                    at[3] = in.getTotalBytesRead();
                    in.readFixed64();
                }
                case 8 -> {                         // end_time_unix_nano
                    at[4] = in.getTotalBytesRead();
                    in.readFixed64();
                }
                case 9 -> {                         // attributes: KeyValue(key = 1, value = 2: AnyValue(string_value = 1))
                    int outer = in.pushLimit(in.readRawVarint32());
                    String key = null;
                    while (!in.isAtEnd()) {
                        int kvTag = in.readTag();
                        if (kvTag == lengthDelimited(1)) {
                            key = in.readStringRequireUtf8();
                        } else if (kvTag == lengthDelimited(2)
                                && at[5] < 0 && key != null && valueKeys.contains(key)) {
                            int value = in.pushLimit(in.readRawVarint32());
                            int anyTag = in.readTag();
                            if (anyTag != lengthDelimited(1)) {
                                throw new IllegalStateException(key + " is not a string attribute");
                            }
                            int length = in.readRawVarint32();
                            at[5] = in.getTotalBytesRead() + length;
                            in.skipRawBytes(length);
                            in.popLimit(value);
                        } else {
                            in.skipField(kvTag);
                        }
                    }
                    in.popLimit(outer);
                }
                default -> in.skipField(tag);
            }
        }
        return at;
    }

    private static int lengthDelimited(int field) {
        return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static int bytesAt(CodedInputStream in, int expected) throws IOException {
        int length = in.readRawVarint32();
        if (length != expected) {
            throw new IllegalStateException("id of " + length + " bytes, expected " + expected);
        }
        int at = in.getTotalBytesRead();
        in.skipRawBytes(length);
        return at;
    }
}
