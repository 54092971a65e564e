package dev.meridian.ingest.wal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the records of one segment file in order and checks each one: a whole header, a length that stays
 * inside the file, the expected sequence (the segment's first, then one more per record) and the checksum.
 * Reading stops at the first record that fails a check; {@link #problem()} says why, and the caller decides
 * whether that is a torn tail (last segment) or corruption (any other).
 */
final class SegmentReader implements AutoCloseable {

    private final DataInputStream in;
    private final long limit;
    private long offset;
    private long nextSequence;
    private String problem;

    private long sequence;
    private byte type;
    private byte[] payload;

    /** Reads segment's file up to limit bytes (or its actual size, if smaller). */
    SegmentReader(Path file, long firstSequence, long limit) throws IOException {
        this.limit = Math.min(limit, Files.size(file));
        this.nextSequence = firstSequence;
        this.in = new DataInputStream(new BufferedInputStream(new FileInputStream(file.toFile()), 1 << 16));
    }

    /** Reads the next record: true when it is valid, false at the end of the valid records. */
    boolean next() throws IOException {
        if (problem != null) {
            return false;
        }
        long left = limit - offset;
        if (left == 0) {
            return false;
        }
        if (left < WalFrame.HEADER_BYTES) {
            return stop("an incomplete header of " + left + " bytes");
        }
        int length = in.readInt();
        int checksum = in.readInt();
        long readSequence = in.readLong();
        byte readType = in.readByte();
        if (length < 0 || length > left - WalFrame.HEADER_BYTES) {
            return stop("length " + length + " but " + (left - WalFrame.HEADER_BYTES) + " bytes left in the file");
        }
        if (readSequence != nextSequence) {
            return stop("sequence " + readSequence + " where " + nextSequence + " was expected");
        }
        byte[] readPayload = new byte[length];
        in.readFully(readPayload);
        if (WalFrame.checksum(readSequence, readType, readPayload) != checksum) {
            return stop("checksum mismatch in record " + readSequence);
        }
        sequence = readSequence;
        type = readType;
        payload = readPayload;
        offset += WalFrame.HEADER_BYTES + length;
        nextSequence++;
        return true;
    }

    private boolean stop(String why) {
        problem = why;
        payload = null;
        return false;
    }

    long sequence() {
        return sequence;
    }

    byte type() {
        return type;
    }

    byte[] payload() {
        return payload;
    }

    /** Where the valid records end: the offset just past the last valid record. */
    long validEnd() {
        return offset;
    }

    /** The sequence a next record would have; the last valid record's sequence plus one. */
    long nextSequence() {
        return nextSequence;
    }

    /** Bytes of the file (up to the limit) past the valid records. */
    long bytesAfterValidEnd() {
        return limit - offset;
    }

    /** Why reading stopped before the limit, or null if every byte up to the limit is valid records. */
    String problem() {
        return problem;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
