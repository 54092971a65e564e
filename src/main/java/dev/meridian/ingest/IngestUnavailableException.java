package dev.meridian.ingest;

/**
 * Thrown when a batch could not be stored (the writer failed, timed out, or ingest is shutting down).
 * Nothing of the batch is acknowledged; the client may retry (HTTP 503, gRPC UNAVAILABLE).
 */
public final class IngestUnavailableException extends RuntimeException {

    public IngestUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
