package dev.meridian.storage.jdbc;

import com.github.luben.zstd.Zstd;
import java.util.Arrays;

/**
 * The envelope of every binary "detail" column: one flag byte (0 = stored, 1 = zstd level 1) and the
 * payload. Small payloads are stored as they are: zstd does not pay off below a few dozen bytes.
 */
final class Compression {

    private static final int MIN_COMPRESS = 64;
    private static final byte STORED = 0;
    private static final byte ZSTD = 1;

    private Compression() {
    }

    static byte[] pack(byte[] raw, int length) {
        if (length >= MIN_COMPRESS) {
            byte[] target = new byte[(int) Zstd.compressBound(length) + 1];
            long size = Zstd.compressByteArray(target, 1, target.length - 1, raw, 0, length, 1);
            if (!Zstd.isError(size) && size + 1 < length) {
                target[0] = ZSTD;
                return Arrays.copyOf(target, (int) size + 1);
            }
        }
        byte[] stored = new byte[length + 1];
        stored[0] = STORED;
        System.arraycopy(raw, 0, stored, 1, length);
        return stored;
    }

    static byte[] unpack(byte[] packed) {
        if (packed == null || packed.length == 0) {
            return new byte[0];
        }
        if (packed[0] == STORED) {
            return Arrays.copyOfRange(packed, 1, packed.length);
        }
        if (packed[0] != ZSTD) {
            throw new IllegalStateException("unknown detail encoding " + packed[0]);
        }
        long size = Zstd.getFrameContentSize(packed, 1, packed.length - 1);
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalStateException("corrupt zstd frame");
        }
        byte[] raw = new byte[(int) size];
        long read = Zstd.decompressByteArray(raw, 0, raw.length, packed, 1, packed.length - 1);
        if (Zstd.isError(read) || read != size) {
            throw new IllegalStateException("corrupt zstd frame");
        }
        return raw;
    }
}
