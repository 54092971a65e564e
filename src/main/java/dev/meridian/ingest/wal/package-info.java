/**
 * A write-ahead log for ingest: a request can be acknowledged as soon as its bytes are fsynced, before the
 * database has applied them; after a crash the log is replayed from the database's last applied sequence.
 *
 * <p>{@link dev.meridian.ingest.wal.WriteAheadLog} is the whole contract; the rest is package-private:
 * {@code WalFrame} (the record format), {@code Segment} (one file of the log) and {@code SegmentReader}
 * (reads and checks the records of one file). Plain JDK only: no Spring, no protobuf, so the log knows
 * nothing of what its payloads mean.
 *
 * <p>On disk: a directory of segment files, each named by the sequence of its first record in 20 digits
 * ({@code 00000000000000000001.wal}), each a run of frames with consecutive sequences. Nothing else is
 * stored: the name of the last segment and its records tell where the log goes on.
 */
package dev.meridian.ingest.wal;
