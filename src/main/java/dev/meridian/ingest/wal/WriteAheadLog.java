package dev.meridian.ingest.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead log: records appended by many threads, each acknowledged once it is fsynced, replayed in
 * order after a restart, and deleted segment by segment once the database has applied them.
 *
 * <p><b>Sequences</b> are global and consecutive: 1 for the first record of a new log, then one more per
 * record, continuing after the last recovered record when the log is reopened. That holds after truncation
 * too, because the active segment is never deleted and its file name is its first sequence.
 *
 * <p><b>Acknowledgement.</b> {@link #append}'s future completes with the record's sequence only after an
 * fsync that covers the record (and the directory entry of its segment file). It completes exceptionally
 * with an {@link IOException} when writing or syncing failed. A failure is final: the log is failed, every
 * record not yet acknowledged fails with it, and every later append fails at once, because after a failed
 * fsync the kernel may have dropped the unsynced pages and a retry could report success for lost data.
 * A record whose future failed may still be replayed after a restart (its bytes may have reached the disk
 * before the failure), so the consumer of a replay sees acknowledged records exactly once and failed ones
 * at most once; a sender that retries a failed request makes that at-least-once.
 *
 * <p><b>Recovery.</b> {@link #open} reads the last segment and cuts off a torn tail: everything from the
 * first record with a bad length, sequence or checksum. Only the last segment can have one, because the
 * log fsyncs a full segment before it creates the next; so in any older segment an invalid record is
 * corruption, and {@link #replay} fails on it instead of skipping acknowledged data.
 *
 * <p><b>Threads.</b> Appenders checksum their payload, then under one lock take the next sequence and write
 * the frame at the end of the active segment (a copy into the page cache, no fsync). One platform thread,
 * {@code meridian-wal-sync}, does the fsyncs: it waits until records are unsynced, fsyncs the active segment
 * once for all of them (group commit: records appended during that fsync wait for the next one) and then
 * completes their futures in sequence order. Futures complete on that thread, so dependent actions added
 * with the non-async {@code then…} methods run there and delay the next fsync: keep them short or use the
 * async variants. The appender whose record fills a segment rolls the log: under the lock it fsyncs the
 * full segment and creates the next file. Nothing in the log is interruptible: an interrupted appender
 * neither fails nor breaks the log.
 *
 * <p><b>Memory.</b> The log keeps no payload once it is written: pending acknowledgements are a sequence
 * and a future each.
 */
public final class WriteAheadLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteAheadLog.class);

    private final Path dir;
    private volatile FileChannel dirLock;
    private final WalSettings settings;
    private final SyncHook hook;
    private final Thread syncThread;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a record is appended, the log fails or is closed. */
    private final Condition unsynced = lock.newCondition();
    /** Signalled by close only, so that the sync thread's optional delay is not cut short by every append. */
    private final Condition closing = lock.newCondition();

    // guarded by lock
    private final List<Segment> segments;
    private final List<Segment> rolledStillOpen = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long olderSegmentBytes;
    private long syncedSequence;
    private boolean directoryUnsynced;
    private boolean closed;
    private IOException failure;

    /** Written under lock; volatile so that {@link #lastSequence()} needs none. */
    private volatile long lastSequence;
    /** Written by the sync thread only. */
    private volatile long syncCount;

    private WriteAheadLog(Path dir, WalSettings settings, SyncHook hook, List<Segment> segments, long lastSequence) {
        this.dir = dir;
        this.settings = settings;
        this.hook = hook;
        this.segments = segments;
        this.lastSequence = lastSequence;
        this.syncedSequence = lastSequence;
        for (Segment segment : segments.subList(0, segments.size() - 1)) {
            olderSegmentBytes += segment.size();
        }
        this.syncThread = Thread.ofPlatform().name("meridian-wal-sync").daemon(true).unstarted(this::syncLoop);
    }

    /**
     * Opens the log in dir, creating the directory and a first segment if there is none. A torn or corrupt
     * tail of the last segment is cut off (the file is truncated there) and logged; older segments are
     * checked only when they are replayed.
     */
    public static WriteAheadLog open(Path dir, WalSettings settings) throws IOException {
        return open(dir, settings, SyncHook.NONE);
    }

    static WriteAheadLog open(Path dir, WalSettings settings, SyncHook hook) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Files.createDirectories(dir);
        FileChannel dirLock = lockDirectory(dir);
        List<Segment> segments;
        try {
            segments = Segment.list(dir);
        } catch (IOException | RuntimeException e) {
            dirLock.close();
            throw e;
        }
        long lastSequence;
        if (segments.isEmpty()) {
            segments.add(Segment.create(dir, 1));
            syncDirectory(dir);
            lastSequence = 0;
        } else {
            Segment last = segments.removeLast();
            long validEnd;
            try (SegmentReader reader = new SegmentReader(last.file, last.firstSequence, Long.MAX_VALUE)) {
                while (reader.next()) {
                    // only looking for the end of the valid records
                }
                validEnd = reader.validEnd();
                lastSequence = reader.nextSequence() - 1;
                if (reader.problem() != null) {
                    log.warn("Write-ahead log {}: cut {} bytes off the end of {} at byte {}, after record {}: {}. "
                                    + "A crash while writing leaves such a torn tail; its records were never acknowledged.",
                            dir, reader.bytesAfterValidEnd(), last.file.getFileName(), validEnd, lastSequence, reader.problem());
                }
            }
            // also syncs the recovered records: the page cache of a killed process may still hold them unsynced
            segments.add(last.openForAppend(validEnd));
        }
        WriteAheadLog opened = new WriteAheadLog(dir, settings, hook, segments, lastSequence);
        opened.dirLock = dirLock;
        log.info("Opened write-ahead log {}: {} segments, {} bytes, last sequence {}",
                dir, segments.size(), opened.bytesOnDisk(), lastSequence);
        opened.syncThread.start();
        return opened;
    }

    /**
     * Appends one record. Thread-safe. Never blocks on disk sync: the returned future completes with the
     * record's sequence once the record is fsynced, or exceptionally with an {@link IOException} when the
     * write or a sync failed, the log failed earlier or is closed.
     */
    public CompletableFuture<Long> append(byte type, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        CRC32C checksum = WalFrame.payloadChecksum(payload);
        CompletableFuture<Long> acknowledged = new CompletableFuture<>();
        List<Pending> failed;
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("write-ahead log " + dir + " is closed"));
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(
                        new IOException("write-ahead log " + dir + " failed earlier and takes no more records", failure));
            }
            long sequence = lastSequence + 1;
            Segment active = active();
            pending.addLast(new Pending(sequence, acknowledged));
            try {
                active.append(WalFrame.header(checksum, sequence, type, payload.length), payload);
                lastSequence = sequence;
                unsynced.signal();
                if (active.size() >= settings.segmentBytes()) {
                    roll(active, sequence + 1);
                }
                return acknowledged;
            } catch (Throwable e) {
                // whatever it was, a partial frame may be on disk now, and a record written after it would be
                // cut off with the torn tail at recovery: nothing more may be appended
                failed = failLocked(new IOException("could not append record " + sequence + " to " + active.file, e));
            }
        } finally {
            lock.unlock();
        }
        failAll(failed);
        return acknowledged;
    }

    /**
     * Calls consumer for every record with a sequence above afterSequence, in sequence order, across segments.
     * Meant for startup, before appends; records appended during a replay may or may not be included.
     *
     * @throws IOException when a segment other than the last has an invalid record or records are missing
     *                     between segments (corruption, not a crash), or when the consumer throws
     */
    public void replay(long afterSequence, WalRecordConsumer consumer) throws IOException {
        List<SegmentExtent> extents = new ArrayList<>();
        lock.lock();
        try {
            for (Segment segment : segments) {
                extents.add(new SegmentExtent(segment.file, segment.firstSequence, segment.size()));
            }
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < extents.size(); i++) {
            SegmentExtent extent = extents.get(i);
            boolean last = i == extents.size() - 1;
            long lastInSegment = last ? Long.MAX_VALUE : extents.get(i + 1).firstSequence() - 1;
            if (lastInSegment <= afterSequence) {
                continue;
            }
            try (SegmentReader reader = new SegmentReader(extent.file(), extent.firstSequence(), extent.size())) {
                while (reader.next()) {
                    if (reader.sequence() > afterSequence) {
                        consumer.accept(reader.sequence(), reader.type(), reader.payload());
                    }
                }
                if (last) {
                    // open cut any torn tail; the valid records of the active segment end at its size
                    continue;
                }
                if (reader.problem() != null) {
                    throw new IOException("corrupt write-ahead log segment " + extent.file() + ": invalid record at byte "
                            + reader.validEnd() + " (" + reader.problem() + "); records " + reader.nextSequence() + " to "
                            + lastInSegment + " cannot be replayed");
                }
                if (reader.nextSequence() - 1 != lastInSegment) {
                    throw new IOException("corrupt write-ahead log " + dir + ": segment " + extent.file().getFileName()
                            + " ends with record " + (reader.nextSequence() - 1) + " but the next segment starts at "
                            + (lastInSegment + 1));
                }
            }
        }
    }

    /**
     * Deletes every whole segment all of whose records have a sequence of at most the given one; never the
     * active segment. Call it once the database has durably applied those records.
     *
     * @throws IOException when a file could not be deleted (it is forgotten anyway and found again on reopen,
     *                     where replaying from the applied sequence skips it)
     */
    public void truncateThrough(long sequence) throws IOException {
        List<Segment> deleted = new ArrayList<>();
        lock.lock();
        try {
            while (segments.size() > 1 && segments.get(1).firstSequence - 1 <= sequence) {
                Segment oldest = segments.removeFirst();
                olderSegmentBytes -= oldest.size();
                deleted.add(oldest);
            }
        } finally {
            lock.unlock();
        }
        // a rolled segment the sync thread has not closed yet is deleted while open: fine on POSIX
        IOException trouble = null;
        for (Segment segment : deleted) {
            try {
                Files.deleteIfExists(segment.file);
            } catch (IOException e) {
                if (trouble == null) {
                    trouble = e;
                } else {
                    trouble.addSuppressed(e);
                }
            }
        }
        if (trouble != null) {
            throw trouble;
        }
    }

    /** Why the log failed and takes no more records (a failed write or fsync: disk full, I/O error); null while it works. */
    public IOException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** The highest sequence appended or recovered (not necessarily synced yet); 0 for an empty new log. */
    public long lastSequence() {
        return lastSequence;
    }

    /** The total size of the segment files. */
    public long bytesOnDisk() {
        lock.lock();
        try {
            return olderSegmentBytes + active().size();
        } finally {
            lock.unlock();
        }
    }

    public int segmentCount() {
        lock.lock();
        try {
            return segments.size();
        } finally {
            lock.unlock();
        }
    }

    /** Group-commit fsyncs made since the log was opened. */
    public long syncCount() {
        return syncCount;
    }

    /**
     * Stops taking records, syncs what was appended, completes (or, if the log failed, fails) every pending
     * future, and closes the files. Later appends fail. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            unsynced.signalAll();
            closing.signalAll();
        } finally {
            lock.unlock();
        }
        // called from a future completed on the sync thread, the sync thread finishes by itself
        if (Thread.currentThread() != syncThread) {
            boolean interrupted = false;
            while (syncThread.isAlive()) {
                try {
                    syncThread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            releaseDirectory();
        }
    }

    /**
     * A log has one writer: a second one (another Meridian on the same data directory) would cut what it took
     * for the first one's torn tail. The lock file holds an OS lock while the log is open.
     */
    private static FileChannel lockDirectory(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IOException("write-ahead log " + dir + " is in use by another process (is another Meridian"
                        + " running on the same data directory?)");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("write-ahead log " + dir + " is already open in this process", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private void releaseDirectory() {
        FileChannel held = dirLock;
        dirLock = null;
        if (held != null) {
            try {
                held.close(); // releases the lock
            } catch (IOException e) {
                log.debug("closing the lock of write-ahead log {} failed: {}", dir, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "WriteAheadLog[" + dir + ", last sequence " + lastSequence + "]";
    }

    private Segment active() {
        return segments.getLast();
    }

    /**
     * Rolls to a new segment, under the lock. The full segment is fsynced before the next file exists, so a
     * torn write can only ever be in the last segment (see Recovery in the class comment). The sync thread
     * closes the full segment and fsyncs the directory before it acknowledges any record of the new one.
     */
    private void roll(Segment full, long nextSequence) throws IOException {
        full.syncFully();
        Segment next = Segment.create(dir, nextSequence);
        segments.add(next);
        rolledStillOpen.add(full);
        olderSegmentBytes += full.size();
        directoryUnsynced = true;
    }

    private void syncLoop() {
        try {
            while (syncOnce()) {
                // one group commit per turn
            }
        } catch (Throwable e) {
            lock.lock();
            List<Pending> failed;
            try {
                failed = failLocked(new IOException("write-ahead log sync thread stopped", e));
            } finally {
                lock.unlock();
            }
            failAll(failed);
        } finally {
            closeFiles();
        }
    }

    /** One group commit; false when the thread is done (the log failed, or is closed and fully synced). */
    private boolean syncOnce() {
        long target;
        Segment active;
        boolean syncDirectory;
        List<Segment> toClose;
        lock.lock();
        try {
            while (!closed && failure == null && syncedSequence == lastSequence) {
                unsynced.awaitUninterruptibly();
            }
            if (!closed && failure == null && settings.maxSyncDelay().isPositive()) {
                awaitQuietly(closing, settings.maxSyncDelay().toNanos());
            }
            if (failure != null || syncedSequence == lastSequence) {
                return false;
            }
            target = lastSequence;
            active = active();
            syncDirectory = directoryUnsynced;
            directoryUnsynced = false;
            toClose = List.copyOf(rolledStillOpen);
            rolledStillOpen.clear();
        } finally {
            lock.unlock();
        }
        // a stray interrupt would close the channel during force and fail the log; nobody should interrupt us
        Thread.interrupted();
        try {
            hook.beforeSync(active.file);
            if (syncDirectory) {
                syncDirectory(dir);
            }
            active.force();
        } catch (IOException | RuntimeException e) {
            List<Pending> failed;
            lock.lock();
            try {
                failed = failLocked(new IOException("fsync of write-ahead log segment " + active.file + " failed", e));
            } finally {
                lock.unlock();
            }
            failAll(failed);
            return false;
        } finally {
            closeQuietly(toClose);
        }
        syncCount++;
        completeThrough(target);
        return true;
    }

    private void completeThrough(long target) {
        List<Pending> synced = new ArrayList<>();
        lock.lock();
        try {
            syncedSequence = target;
            while (!pending.isEmpty() && pending.peekFirst().sequence() <= target) {
                synced.add(pending.pollFirst());
            }
        } finally {
            lock.unlock();
        }
        for (Pending record : synced) {
            record.acknowledged().complete(record.sequence());
        }
    }

    /** Marks the log failed (the first cause wins) and hands back the pending records to fail outside the lock. */
    private List<Pending> failLocked(IOException cause) {
        if (failure == null) {
            failure = cause;
            log.error("Write-ahead log {} failed and takes no more records; reopen it to recover", dir, cause);
        }
        List<Pending> failed = new ArrayList<>(pending);
        pending.clear();
        unsynced.signalAll();
        return failed;
    }

    private void failAll(List<Pending> failed) {
        IOException cause;
        lock.lock();
        try {
            cause = failure;
        } finally {
            lock.unlock();
        }
        for (Pending record : failed) {
            record.acknowledged().completeExceptionally(cause);
        }
    }

    private void closeFiles() {
        lock.lock();
        try {
            closeQuietly(rolledStillOpen);
            rolledStillOpen.clear();
            closeQuietly(List.of(active()));
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(List<Segment> toClose) {
        for (Segment segment : toClose) {
            try {
                segment.close();
            } catch (IOException e) {
                // its records were synced before it was closed; a close error cannot lose them
                log.warn("Could not close write-ahead log segment {}", segment.file, e);
            }
        }
    }

    /** Makes a new segment's directory entry durable; some platforms refuse to fsync a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    private static void awaitQuietly(Condition condition, long nanos) {
        try {
            condition.awaitNanos(nanos);
        } catch (InterruptedException e) {
            // only a delay; the interrupt is cleared before the fsync anyway
        }
    }

    private record Pending(long sequence, CompletableFuture<Long> acknowledged) {
    }

    private record SegmentExtent(Path file, long firstSequence, long size) {
    }
}
