package dev.meridian.ingest;

/**
 * A request as the write-ahead log keeps it: the receiver's own encoding (OTLP protobuf for the OTLP
 * receivers), tagged with a type its {@link LogEntryDecoder} knows. Decoding it again gives the same batch.
 */
public record LogEntry(byte type, byte[] payload) {
}
