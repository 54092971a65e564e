package dev.meridian.ingest.otlp;

import dev.meridian.ingest.LogEntryDecoder;
import dev.meridian.telemetry.TelemetryBatch;

/** Reads the OTLP requests the receivers put in the write-ahead log, when it is replayed. */
final class OtlpLogEntryDecoder implements LogEntryDecoder {

    @Override
    public TelemetryBatch decode(byte type, byte[] payload) {
        try {
            return OtlpSignal.forLogType(type).decodeProtobuf(payload).batch();
        } catch (OtlpDecodingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
