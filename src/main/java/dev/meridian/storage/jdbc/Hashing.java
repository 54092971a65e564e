package dev.meridian.storage.jdbc;

import java.nio.charset.StandardCharsets;

/** A stable 64-bit hash (FNV-1a with a murmur3 finalizer): stored in rows, so it must never change. */
public final class Hashing {

    private Hashing() {
    }

    public static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The side-index hash of an attribute equality {@code key = value}. */
    public static long attribute(String key, String value) {
        return hash((key + '\u0000' + value).getBytes(StandardCharsets.UTF_8));
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
