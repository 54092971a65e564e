package dev.meridian.telemetry;

import java.util.HexFormat;
import java.util.Locale;

/** A 128-bit trace id held as two longs; hex text is 32 characters in either letter case. */
public record TraceId(long hi, long lo) {

    public static final TraceId INVALID = new TraceId(0, 0);

    public static TraceId fromBytes(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("trace id must be 16 bytes, was " + bytes.length);
        }
        return new TraceId(longAt(bytes, 0), longAt(bytes, 8));
    }

    /** Parses 32 hex characters in any letter case. */
    public static TraceId fromHex(String hex) {
        if (hex == null || hex.length() != 32 || !isHex(hex)) {
            throw new IllegalArgumentException("trace id must be 32 hex characters, was '" + abbreviate(hex) + "'");
        }
        return new TraceId(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
    }

    public boolean isValid() {
        return hi != 0 || lo != 0;
    }

    public byte[] toBytes() {
        byte[] bytes = new byte[16];
        putLong(bytes, 0, hi);
        putLong(bytes, 8, lo);
        return bytes;
    }

    public String toHex() {
        return HexFormat.of().toHexDigits(hi) + HexFormat.of().toHexDigits(lo);
    }

    @Override
    public String toString() {
        return toHex();
    }

    static boolean isHex(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 40 ? text.substring(0, 40).toLowerCase(Locale.ROOT) + "…" : text;
    }

    static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xffL);
        }
        return value;
    }

    static void putLong(byte[] bytes, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[offset + i] = (byte) value;
            value >>>= 8;
        }
    }
}
