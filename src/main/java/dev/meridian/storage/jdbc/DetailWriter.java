package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Attributes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes the parts of a row that are only read whole into a compact binary form: varints, strings
 * with a length, attribute keys of the OpenTelemetry semantic conventions as one byte
 * ({@link KnownKeys}). Reused by the single writer thread; not thread-safe.
 */
final class DetailWriter {

    static final int T_NULL = 0, T_STRING = 1, T_LONG = 2, T_DOUBLE = 3, T_TRUE = 4, T_FALSE = 5, T_BYTES = 6,
            T_LIST = 7, T_MAP = 8;

    private byte[] buffer = new byte[1024];
    private int size;

    DetailWriter reset() {
        size = 0;
        return this;
    }

    /** The encoded bytes so far, compressed into a detail column value. */
    byte[] pack() {
        return Compression.pack(buffer, size);
    }

    /** The encoded bytes so far, compressed with the kind's trained dictionary once there is one. */
    byte[] pack(CompressionDictionaries dictionaries, String kind) {
        return dictionaries.pack(kind, buffer, size);
    }

    byte[] bytes() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    void writeSignedVarLong(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    void writeVarInt(int value) {
        writeVarLong(value & 0xFFFFFFFFL);
    }

    void writeFixedLong(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
    }

    void writeDouble(double value) {
        writeFixedLong(Double.doubleToRawLongBits(value));
    }

    void writeString(String value) {
        if (value == null) {
            writeVarInt(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(utf8.length);
        writeRaw(utf8);
    }

    void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    void writeAttributes(Attributes attributes) {
        writeVarInt(attributes.size());
        for (Map.Entry<String, Object> entry : attributes.values().entrySet()) {
            writeKey(entry.getKey());
            writeValue(entry.getValue());
        }
    }

    /** A known key as its index + 1, any other as 0 followed by the text. */
    void writeKey(String key) {
        int known = KnownKeys.indexOf(key);
        if (known >= 0) {
            writeVarInt(known + 1);
        } else {
            writeVarInt(0);
            writeString(key);
        }
    }

    @SuppressWarnings("unchecked")
    void writeValue(Object value) {
        switch (value) {
            case null -> writeByte(T_NULL);
            case String s -> {
                writeByte(T_STRING);
                writeString(s);
            }
            case Long l -> {
                writeByte(T_LONG);
                writeSignedVarLong(l);
            }
            case Integer i -> {
                writeByte(T_LONG);
                writeSignedVarLong(i);
            }
            case Double d -> {
                writeByte(T_DOUBLE);
                writeDouble(d);
            }
            case Number n -> {
                writeByte(T_DOUBLE);
                writeDouble(n.doubleValue());
            }
            case Boolean b -> writeByte(b ? T_TRUE : T_FALSE);
            case byte[] bytes -> {
                writeByte(T_BYTES);
                writeVarInt(bytes.length);
                writeRaw(bytes);
            }
            case List<?> list -> {
                writeByte(T_LIST);
                writeVarInt(list.size());
                list.forEach(this::writeValue);
            }
            case Map<?, ?> map -> {
                writeByte(T_MAP);
                writeVarInt(map.size());
                ((Map<String, Object>) map).forEach((k, v) -> {
                    writeString(k);
                    writeValue(v);
                });
            }
            default -> {
                writeByte(T_STRING);
                writeString(String.valueOf(value));
            }
        }
    }
}
