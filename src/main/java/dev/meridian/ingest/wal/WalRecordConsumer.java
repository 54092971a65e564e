package dev.meridian.ingest.wal;

import java.io.IOException;

/** Receives the records of a {@link WriteAheadLog#replay replay}, one call per record, in sequence order. */
@FunctionalInterface
public interface WalRecordConsumer {

    /**
     * Takes one record. The payload array is the consumer's to keep. An exception stops the replay and is
     * thrown from {@link WriteAheadLog#replay} as it is.
     */
    void accept(long sequence, byte type, byte[] payload) throws IOException;
}
