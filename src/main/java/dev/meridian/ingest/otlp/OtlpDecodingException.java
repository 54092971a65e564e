package dev.meridian.ingest.otlp;

/** The request body could not be decoded as the OTLP message it should be (HTTP 400, gRPC INVALID_ARGUMENT). */
final class OtlpDecodingException extends Exception {

    OtlpDecodingException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
