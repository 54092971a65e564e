package dev.meridian.ingest.otlp;

import dev.meridian.ingest.Signal;
import dev.meridian.telemetry.TelemetryBatch;

/**
 * One export request after mapping: the valid items as a batch, and how many items were refused on their
 * own (invalid ids, times storage cannot hold…) with a message for OTLP's partial_success; {@code protobuf} is
 * the request as OTLP protobuf without its rejected items, which the write-ahead log keeps (decoding it again
 * gives the same batch).
 */
record Decoded(Signal signal, TelemetryBatch batch, long rejected, String errorMessage, byte[] protobuf) {

    Decoded(Signal signal, TelemetryBatch batch, long rejected, String errorMessage) {
        this(signal, batch, rejected, errorMessage, null);
    }

    Decoded withProtobuf(byte[] request) {
        return new Decoded(signal, batch, rejected, errorMessage, request);
    }
}
