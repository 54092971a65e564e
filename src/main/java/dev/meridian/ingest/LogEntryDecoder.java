package dev.meridian.ingest;

import dev.meridian.telemetry.TelemetryBatch;

/** Turns a {@link LogEntry} back into the batch it was accepted as, when the log is replayed after a crash. */
@FunctionalInterface
public interface LogEntryDecoder {

    /** The batch of the entry; throws {@link IllegalArgumentException} for an entry it cannot read. */
    TelemetryBatch decode(byte type, byte[] payload);
}
