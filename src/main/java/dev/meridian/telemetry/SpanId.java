package dev.meridian.telemetry;

import java.util.HexFormat;

/** A 64-bit span id; {@link #NONE} (zero) means "no span", e.g. the parent of a root span. */
public record SpanId(long value) {

    public static final SpanId NONE = new SpanId(0);

    public static SpanId fromBytes(byte[] bytes) {
        if (bytes.length != 8) {
            throw new IllegalArgumentException("span id must be 8 bytes, was " + bytes.length);
        }
        return new SpanId(TraceId.longAt(bytes, 0));
    }

    /** Parses 16 hex characters in any letter case. */
    public static SpanId fromHex(String hex) {
        if (hex == null || hex.length() != 16 || !TraceId.isHex(hex)) {
            throw new IllegalArgumentException("span id must be 16 hex characters, was '" + TraceId.abbreviate(hex) + "'");
        }
        return new SpanId(Long.parseUnsignedLong(hex, 16));
    }

    public boolean isValid() {
        return value != 0;
    }

    public byte[] toBytes() {
        byte[] bytes = new byte[8];
        TraceId.putLong(bytes, 0, value);
        return bytes;
    }

    public String toHex() {
        return HexFormat.of().toHexDigits(value);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
