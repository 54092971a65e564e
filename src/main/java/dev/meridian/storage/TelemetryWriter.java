package dev.meridian.storage;

import dev.meridian.telemetry.TelemetryBatch;

/**
 * Stores decoded telemetry. One call is one transaction: spans, logs, metric points and the RED
 * rollups derived from the spans are committed together or not at all.
 */
public interface TelemetryWriter {

    /**
     * Writes the batch and returns only after it is durably committed (it survives a crash of the
     * process right after this returns). Throws when nothing of the batch was stored.
     */
    void write(TelemetryBatch batch);
}
