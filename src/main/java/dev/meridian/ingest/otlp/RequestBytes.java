package dev.meridian.ingest.otlp;

import java.time.Duration;

import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestOverloadedException;

/**
 * One request's share of the in-flight byte budget ({@code meridian.otlp.max-inflight-bytes}). A receiver
 * reserves before (or while) it holds bytes in memory and closes the share when the request is answered,
 * whatever the outcome; after {@link #close()} nothing more can be reserved, so a late reservation cannot leak.
 * Thread-safe: the gRPC transport reserves on its event loop while the call runs on another thread.
 */
final class RequestBytes {

    private final InflightBytes inflight;
    private final Duration retryAfter;
    private long held;
    private boolean closed;

    RequestBytes(InflightBytes inflight, Duration retryAfter) {
        this.inflight = inflight;
        this.retryAfter = retryAfter;
    }

    /**
     * Reserves {@code bytes} more.
     *
     * @throws IngestOverloadedException the budget has no room (nothing was reserved)
     */
    synchronized void acquire(long bytes) {
        if (bytes <= 0) {
            return;
        }
        if (closed || !inflight.tryAcquire(bytes)) {
            throw new IngestOverloadedException("the server is busy: " + inflight.used() + " of " + inflight.limit()
                    + " request bytes are in flight (meridian.otlp.max-inflight-bytes); retry later", retryAfter);
        }
        held += bytes;
    }

    /** Reserves what is missing for this request to hold {@code total} bytes in all. */
    synchronized void acquireUpTo(long total) {
        acquire(total - held);
    }

    /** Gives back {@code bytes} of what this request holds (memory it no longer uses). */
    synchronized void release(long bytes) {
        long released = Math.min(bytes, held);
        inflight.release(released);
        held -= released;
    }

    synchronized long held() {
        return held;
    }

    /** Gives back everything; later reservations fail. Idempotent. */
    synchronized void close() {
        inflight.release(held);
        held = 0;
        closed = true;
    }
}
