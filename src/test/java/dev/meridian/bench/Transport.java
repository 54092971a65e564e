package dev.meridian.bench;

import java.io.Closeable;
import java.io.IOException;

/** One exporter's way to POST a protobuf body; one request at a time. */
interface Transport extends Closeable {

    /** Free bytes a caller leaves before the body in its buffer, for a transport that writes its head there. */
    int HEADROOM = 512;

    /** The answer that matters to an exporter: status and, when the server sent one, Retry-After. */
    record Response(int status, String retryAfter) {
    }

    /**
     * POSTs {@code buffer[offset, offset + length)}; {@code buffer[offset - HEADROOM, offset)} may be overwritten.
     *
     * @throws IOException when no answer came (refused, reset, timed out)
     */
    Response send(byte[] buffer, int offset, int length) throws IOException;

    @Override
    void close();
}
