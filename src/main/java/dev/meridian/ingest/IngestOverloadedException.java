package dev.meridian.ingest;

import java.time.Duration;

/**
 * Thrown when ingest cannot take more right now (queue full, too many bytes in flight). Nothing of the
 * request was stored; the client should retry after {@link #retryAfter()} (HTTP 429, gRPC RESOURCE_EXHAUSTED).
 */
public final class IngestOverloadedException extends RuntimeException {

    private final Duration retryAfter;

    public IngestOverloadedException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
