package dev.meridian.ingest.otlp;

import dev.meridian.ingest.Signal;
import dev.meridian.telemetry.TelemetryBatch;

/**
 * One export request after mapping: the valid items as a batch, and how many items were refused on their
 * own (invalid ids…) with a message for OTLP's partial_success.
 */
record Decoded(Signal signal, TelemetryBatch batch, long rejected, String errorMessage) {
}
