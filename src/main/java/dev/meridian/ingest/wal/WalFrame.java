package dev.meridian.ingest.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one record (integers big-endian):
 * <pre>
 *   int    length     payload bytes
 *   int    checksum   CRC32C over the payload, then the type byte, then the sequence (8 bytes)
 *   long   sequence
 *   byte   type
 *   byte[] payload    length bytes
 * </pre>
 * The checksum covers the payload first so that an appender can checksum its payload before it takes the
 * append lock and add the sequence, which is assigned under the lock, in a few nanoseconds afterwards.
 * The length is not checksummed: a wrong length makes the checksum fail or runs past the end of the file.
 */
final class WalFrame {

    static final int HEADER_BYTES = 4 + 4 + 8 + 1;

    private WalFrame() {
    }

    /** A checksum fed with the payload, to be finished by {@link #header}. */
    static CRC32C payloadChecksum(byte[] payload) {
        CRC32C checksum = new CRC32C();
        checksum.update(payload);
        return checksum;
    }

    /** Finishes the payload checksum with type and sequence and returns the frame header. */
    static byte[] header(CRC32C payloadChecksum, long sequence, byte type, int length) {
        byte[] header = new byte[HEADER_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(header);
        buffer.putInt(length).putInt(finish(payloadChecksum, sequence, type)).putLong(sequence).put(type);
        return header;
    }

    /** The checksum a frame with these fields must carry. */
    static int checksum(long sequence, byte type, byte[] payload) {
        return finish(payloadChecksum(payload), sequence, type);
    }

    private static int finish(CRC32C payloadChecksum, long sequence, byte type) {
        byte[] tail = new byte[9];
        ByteBuffer.wrap(tail).put(type).putLong(sequence);
        payloadChecksum.update(tail);
        return (int) payloadChecksum.getValue();
    }
}
