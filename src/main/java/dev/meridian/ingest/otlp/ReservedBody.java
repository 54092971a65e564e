package dev.meridian.ingest.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import dev.meridian.ingest.IngestOverloadedException;

/**
 * Reads a request body into memory that is always covered by the request's {@link RequestBytes}: the buffer
 * grows only after its new capacity is reserved, so a client that announces a large body and sends a few
 * bytes holds a few kilobytes, not what its {@code Content-Length} promised.
 *
 * <p>The reservation follows the buffer's capacity. Growth doubles (at most {@code max + 1}, and for a body
 * of known length at most that length, so a complete body ends in an array of exactly its size with no copy).
 * While the buffer is copied into a larger one, or a body of unknown length into an exact-size array, the
 * old array lives on for a moment uncounted: counting it would halve the largest body the budget admits. Reading stops with
 * {@link BodyTooLargeException} as soon as more than {@code max} bytes came out, and with
 * {@link IngestOverloadedException} when the budget has no room for the next step.
 */
final class ReservedBody {

    private static final int FIRST_CAPACITY = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private ReservedBody() {
    }

    /**
     * @param expected the body's length when known (a plain body with {@code Content-Length}), else -1
     * @param tooLarge the message of the {@link BodyTooLargeException} thrown beyond {@code max} bytes
     * @return the body, an array of exactly its length
     */
    static byte[] read(InputStream in, long expected, int max, RequestBytes reserved, String tooLarge) throws IOException {
        byte[] buffer = EMPTY;
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (expected >= 0 && size >= expected) {
                    break; // the announced length arrived; the container ends the stream there
                }
                if (size > max) {
                    throw new BodyTooLargeException(tooLarge);
                }
                long limit = expected >= 0 ? Math.min(expected, max + 1L) : max + 1L;
                int capacity = (int) Math.min(limit, Math.max(FIRST_CAPACITY, 2L * size));
                reserved.acquire(capacity - buffer.length); // the growth, before it is allocated
                buffer = Arrays.copyOf(buffer, capacity);
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                break;
            }
            size += n;
        }
        if (size > max) {
            throw new BodyTooLargeException(tooLarge);
        }
        if (size == buffer.length) {
            return buffer;
        }
        byte[] exact = Arrays.copyOf(buffer, size);
        reserved.release(buffer.length - size);
        return exact;
    }

    /** The body (after decompression) is larger than {@code max-body-bytes}. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }
}
