package dev.meridian.ingest.wal;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WriteAheadLog} writes.
 *
 * @param segmentBytes the size after which the log rolls to a new segment file; a segment holds every record
 *                     that starts below this size, so it ends at most one record past it. Truncation deletes
 *                     whole segments, so this is also the granularity at which disk space comes back.
 * @param maxSyncDelay how long the sync thread waits, once records are waiting, before it fsyncs, to gather
 *                     more records per fsync. {@link Duration#ZERO} syncs at once: while one fsync runs, the
 *                     records appended meanwhile gather for the next anyway, which is usually enough.
 */
public record WalSettings(long segmentBytes, Duration maxSyncDelay) {

    /** 64 MB segments, no added sync delay. */
    public static final WalSettings DEFAULTS = new WalSettings(64L << 20, Duration.ZERO);

    public WalSettings {
        Objects.requireNonNull(maxSyncDelay, "maxSyncDelay");
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segmentBytes must be positive, was " + segmentBytes);
        }
        if (maxSyncDelay.isNegative()) {
            throw new IllegalArgumentException("maxSyncDelay must not be negative, was " + maxSyncDelay);
        }
    }
}
