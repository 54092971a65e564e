package dev.meridian.ingest.otlp;

import dev.meridian.ingest.LogEntryDecoder;
import dev.meridian.telemetry.TelemetryBatch;

/**
 * Reads the OTLP requests the receivers put in the write-ahead log, when it is replayed. The log holds only the
 * items that passed every rule when they arrived ({@link AcceptedItems}), so the rules that depend on the clock
 * are not applied again: an acknowledged item is never refused at replay.
 */
final class OtlpLogEntryDecoder implements LogEntryDecoder {

    private final OtlpLimits limits;

    OtlpLogEntryDecoder() {
        this(OtlpLimits.DEFAULTS);
    }

    /** @param limits the limits the receivers apply (their clock rules are dropped) */
    OtlpLogEntryDecoder(OtlpLimits limits) {
        this.limits = limits.forReplay();
    }

    @Override
    public TelemetryBatch decode(byte type, byte[] payload) {
        try {
            return OtlpSignal.forLogType(type).decodeProtobuf(payload, limits).batch();
        } catch (OtlpDecodingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
