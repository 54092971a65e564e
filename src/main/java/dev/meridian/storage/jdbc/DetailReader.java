package dev.meridian.storage.jdbc;

import static dev.meridian.storage.jdbc.DetailWriter.*;

import dev.meridian.telemetry.Attributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what {@link DetailWriter} wrote, from an unpacked detail column value. */
final class DetailReader {

    private final byte[] bytes;
    private int position;

    DetailReader(byte[] bytes) {
        this.bytes = bytes;
    }

    static DetailReader unpack(byte[] packed) {
        return new DetailReader(Compression.unpack(packed));
    }

    static DetailReader unpack(byte[] packed, CompressionDictionaries dictionaries) {
        return new DetailReader(Compression.unpack(packed, dictionaries));
    }

    /** The bytes not read yet. */
    byte[] readRest() {
        byte[] rest = Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return rest;
    }

    int readByte() {
        return bytes[position++] & 0xFF;
    }

    long readVarLong() {
        long value = 0;
        int shift = 0;
        while (true) {
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }

    long readSignedVarLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    int readVarInt() {
        return (int) readVarLong();
    }

    long readFixedLong() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (bytes[position++] & 0xFFL) << (8 * i);
        }
        return value;
    }

    double readDouble() {
        return Double.longBitsToDouble(readFixedLong());
    }

    String readString() {
        int length = readVarInt();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    byte[] readRaw(int length) {
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    Attributes readAttributes() {
        int count = readVarInt();
        if (count == 0) {
            return Attributes.EMPTY;
        }
        Map<String, Object> values = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String key = readKey();
            values.put(key, readValue());
        }
        return new Attributes(values);
    }

    String readKey() {
        int known = readVarInt();
        return known == 0 ? readString() : KnownKeys.keyAt(known - 1);
    }

    Object readValue() {
        int type = readByte();
        return switch (type) {
            case T_NULL -> null;
            case T_STRING -> readString();
            case T_LONG -> readSignedVarLong();
            case T_DOUBLE -> readDouble();
            case T_TRUE -> Boolean.TRUE;
            case T_FALSE -> Boolean.FALSE;
            case T_BYTES -> readRaw(readVarInt());
            case T_LIST -> {
                int n = readVarInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue());
                }
                yield list;
            }
            case T_MAP -> {
                int n = readVarInt();
                Map<String, Object> map = new LinkedHashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    String key = readString();
                    map.put(key, readValue());
                }
                yield map;
            }
            default -> throw new IllegalStateException("unknown value type " + type);
        };
    }
}
