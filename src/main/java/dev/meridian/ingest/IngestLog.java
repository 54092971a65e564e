package dev.meridian.ingest;

import dev.meridian.ingest.wal.WriteAheadLog;
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
        List<TelemetryBatch> pending = new ArrayList<>();
        long[] last = {applied};
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
                pending.add(batch);
                last[0] = sequence;
                replayed[0] += batch.size();
                if (pending.stream().mapToInt(TelemetryBatch::size).sum() >= maxItems) {
                    applyReplayed(writer, pending, last[0]);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("replaying the write-ahead log failed", e);
        }
        if (!pending.isEmpty()) {
            applyReplayed(writer, pending, last[0]);
        }
        if (last[0] > applied) {
            log.info("replayed {} items of the write-ahead log (entries {} to {})", replayed[0], applied + 1, last[0]);
        }
        syncAndTruncate(writer, last[0]);
        return replayed[0];
    }

    private static void applyReplayed(TelemetryWriter writer, List<TelemetryBatch> pending, long through) {
        try {
            writer.apply(merge(pending), through);
        } catch (RuntimeException merged) {
            // one by one is not possible without their sequences; the merged write failed as a whole, so
            // nothing of it is stored: fall back to storing only the position and say what was lost
            log.error("replaying {} write-ahead log entries through {} failed; they are skipped", pending.size(), through, merged);
            writer.apply(TelemetryBatch.EMPTY, through);
        }
        pending.clear();
    }

    /** Syncs the database and truncates the log when the interval passed or the log grew large. */
    void afterApply(TelemetryWriter writer, long applied) {
        if (System.nanoTime() - lastSyncNanos >= syncInterval.toNanos() || wal.bytesOnDisk() >= syncBytes) {
            syncAndTruncate(writer, applied);
        }
    }

    void syncAndTruncate(TelemetryWriter writer, long applied) {
        lastSyncNanos = System.nanoTime();
        writer.sync();
        try {
            wal.truncateThrough(applied);
        } catch (IOException e) {
            log.warn("truncating the write-ahead log failed; it is retried at the next sync: {}", e.toString());
        }
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
