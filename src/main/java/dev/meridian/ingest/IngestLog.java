package dev.meridian.ingest;

import dev.meridian.ingest.wal.WriteAheadLog;
import dev.meridian.storage.NotDurableException;
import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log as the {@link IngestPipeline} uses it: append accepted requests, replay what the
 * database does not hold after a crash, and drop segments once the database has synced past them.
 *
 * <p>Why a crash anywhere is harmless: the database records the last applied sequence in the same
 * transaction as the rows ({@link TelemetryWriter#apply}), so it holds a prefix of the log exactly; the log
 * is truncated only through a position the database had already synced; replay starts right after the
 * database's position. Records are applied only after the log synced them, so the database never holds a
 * sequence the log could lose.
 */
public final class IngestLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestLog.class);

    private final WriteAheadLog wal;
    private final LogEntryDecoder decoder;
    private final Duration syncInterval;
    private final long syncBytes;
    private long lastSyncNanos = System.nanoTime();

    /**
     * @param syncInterval how often the database is synced and the log truncated behind it
     * @param syncBytes    sync sooner when the log holds more than this many bytes
     */
    public IngestLog(WriteAheadLog wal, LogEntryDecoder decoder, Duration syncInterval, long syncBytes) {
        this.wal = wal;
        this.decoder = decoder;
        this.syncInterval = syncInterval;
        this.syncBytes = syncBytes;
    }

    /** Appends; the future completes with the entry's sequence once it is synced to disk. */
    CompletableFuture<Long> append(LogEntry entry) {
        return wal.append(entry.type(), entry.payload());
    }

    /** The sequence of the last appended entry (callers serialize appends to rely on it). */
    long lastSequence() {
        return wal.lastSequence();
    }

    /**
     * Stores every entry after the database's position, in transactions of up to {@code maxItems} items, then
     * syncs and truncates. An entry that cannot be decoded or stored on its own is logged and skipped: it was
     * acknowledged, but keeping it would stop every later one.
     */
    long replay(TelemetryWriter writer, int maxItems) {
        long applied = writer.appliedSequence();
        List<Entry> pending = new ArrayList<>();
        long[] pendingItems = {0};
        long[] replayed = {0};
        try {
            wal.replay(applied, (sequence, type, payload) -> {
                TelemetryBatch batch;
                try {
                    batch = decoder.decode(type, payload);
                } catch (RuntimeException e) {
                    log.error("write-ahead log entry {} cannot be decoded and is skipped: {}", sequence, e.toString());
                    batch = TelemetryBatch.EMPTY;
                }
                pending.add(new Entry(sequence, batch));
                pendingItems[0] += batch.size();
                replayed[0] += batch.size();
                if (pendingItems[0] >= maxItems) {
                    applyReplayed(writer, pending);
                    pendingItems[0] = 0;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("replaying the write-ahead log failed", e);
        }
        long last = pending.isEmpty() ? writer.appliedSequence() : pending.getLast().sequence();
        applyReplayed(writer, pending);
        if (last > applied) {
            log.info("replayed {} items of the write-ahead log (entries {} to {})", replayed[0], applied + 1, last);
        }
        syncAndTruncate(writer, last);
        return replayed[0];
    }

    private record Entry(long sequence, TelemetryBatch batch) {
    }

    /**
     * Applies replayed entries in one transaction; when that fails, entry by entry, and an entry the database refuses
     * is narrowed down to the items it refuses on their own, which alone are skipped (and said). When the database
     * refuses even the position, start fails and the log stays for the next start.
     */
    private static void applyReplayed(TelemetryWriter writer, List<Entry> pending) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            writer.apply(merge(pending.stream().map(Entry::batch).toList()), pending.getLast().sequence());
        } catch (RuntimeException merged) {
            for (Entry entry : pending) {
                try {
                    writer.apply(entry.batch(), entry.sequence());
                } catch (RuntimeException alone) {
                    isolate(writer, entry, alone);
                }
            }
        }
        pending.clear();
    }

    /**
     * Stores what the database takes of an entry it refused as a whole, down to the items it refuses on their own
     * (those are skipped and said); the pieces go in with the previous entry's position, so a crash meanwhile
     * replays the entry again. When the database takes no writes at all, start fails and the log stays.
     */
    private static void isolate(TelemetryWriter writer, Entry entry, RuntimeException refused) {
        long before = entry.sequence() - 1;
        var outcome = PoisonIsolation.isolate(entry.batch(), piece -> {
            if (before > 0) {
                writer.apply(piece, before);
            } else {
                writer.write(piece);
            }
        }, () -> {
            // a position-only write is a trusted probe; before the very first entry there is no position: a read
            if (before > 0) {
                writer.apply(TelemetryBatch.EMPTY, before);
            } else {
                writer.appliedSequence();
            }
            return true;
        }, before > 0, false);
        if (outcome.storageDown()) {
            throw new IllegalStateException("the database refuses writes while the write-ahead log is replayed (entry "
                    + entry.sequence() + "); the log is kept for the next start", refused);
        }
        writer.apply(TelemetryBatch.EMPTY, entry.sequence());
        if (outcome.dropped() > 0) {
            log.error("{} of {} items of write-ahead log entry {} cannot be stored and are skipped: {}", outcome.dropped(),
                    entry.batch().size(), entry.sequence(), refused.toString());
        }
    }

    /** Syncs the database and truncates the log when the interval passed or the log grew large. */
    void afterApply(TelemetryWriter writer, long applied) {
        if (System.nanoTime() - lastSyncNanos >= syncInterval.toNanos() || wal.bytesOnDisk() >= syncBytes) {
            syncAndTruncate(writer, applied);
        }
    }

    /**
     * Syncs the database, then drops the log through {@code applied}. When the sync fails the log is kept whole
     * (it is the only durable copy of what was applied since the last sync) and the next sync tries again.
     */
    void syncAndTruncate(TelemetryWriter writer, long applied) {
        lastSyncNanos = System.nanoTime();
        try {
            writer.sync();
        } catch (NotDurableException e) {
            log.error("the database could not be synced to disk; the write-ahead log keeps every entry until it can: {}",
                    e.getMessage());
            return;
        }
        try {
            wal.truncateThrough(applied);
        } catch (IOException e) {
            log.warn("truncating the write-ahead log failed; it is retried at the next sync: {}", e.toString());
        }
    }

    /** Why the log takes no more entries, or null while it works. */
    String failure() {
        IOException failure = wal.failure();
        return failure == null ? null : failure.getMessage()
                + (failure.getCause() == null ? "" : ": " + failure.getCause().getMessage());
    }

    public long bytesOnDisk() {
        return wal.bytesOnDisk();
    }

    static TelemetryBatch merge(List<TelemetryBatch> batches) {
        if (batches.size() == 1) {
            return batches.getFirst();
        }
        List<Span> spans = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        List<MetricPoint> points = new ArrayList<>();
        for (TelemetryBatch batch : batches) {
            spans.addAll(batch.spans());
            logs.addAll(batch.logs());
            points.addAll(batch.metricPoints());
        }
        return new TelemetryBatch(spans, logs, points);
    }

    @Override
    public void close() {
        wal.close();
    }
}
