package dev.meridian.storage.jdbc;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import java.util.Arrays;

/**
 * The envelope of every binary "detail" column: one flag byte (0 = stored, 1 = zstd level 1,
 * 2 = zstd level 1 with a trained dictionary, followed by the dictionary's id as a varint) and the
 * payload. Small payloads are stored as they are: zstd does not pay off below a few dozen bytes.
 */
final class Compression {

    private static final int MIN_COMPRESS = 64;
    private static final byte STORED = 0;
    private static final byte ZSTD = 1;
    private static final byte ZSTD_DICTIONARY = 2;

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

    static byte[] pack(byte[] raw, int length, int dictionaryId, ZstdDictCompress dictionary) {
        byte[] target = new byte[(int) Zstd.compressBound(length) + 6];
        int header = 1;
        target[0] = ZSTD_DICTIONARY;
        for (long id = dictionaryId; ; id >>>= 7) {
            if ((id & ~0x7FL) == 0) {
                target[header++] = (byte) id;
                break;
            }
            target[header++] = (byte) ((id & 0x7F) | 0x80);
        }
        long size = Zstd.compressFastDict(target, header, raw, 0, length, dictionary);
        if (Zstd.isError(size)) {
            return pack(raw, length);
        }
        return Arrays.copyOf(target, header + (int) size);
    }

    static byte[] unpack(byte[] packed) {
        return unpack(packed, null);
    }

    /** Unpacks a value; {@code dictionaries} may be null for columns that are never packed with a dictionary. */
    static byte[] unpack(byte[] packed, CompressionDictionaries dictionaries) {
        if (packed == null || packed.length == 0) {
            return new byte[0];
        }
        if (packed[0] == STORED) {
            return Arrays.copyOfRange(packed, 1, packed.length);
        }
        if (packed[0] == ZSTD_DICTIONARY) {
            return unpackWithDictionary(packed, dictionaries);
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

    private static byte[] unpackWithDictionary(byte[] packed, CompressionDictionaries dictionaries) {
        if (dictionaries == null) {
            throw new IllegalStateException("a dictionary-compressed value where none is expected");
        }
        int position = 1;
        int id = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = packed[position++];
            id |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        ZstdDictDecompress dictionary = dictionaries.decompressor(id);
        long size = Zstd.getFrameContentSize(packed, position, packed.length - position);
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalStateException("corrupt zstd frame");
        }
        byte[] raw = new byte[(int) size];
        long read = Zstd.decompressFastDict(raw, 0, packed, position, packed.length - position, dictionary);
        if (Zstd.isError(read) || read != size) {
            throw new IllegalStateException("corrupt zstd frame");
        }
        return raw;
    }
}
