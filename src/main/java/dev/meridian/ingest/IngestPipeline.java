package dev.meridian.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.meridian.storage.NotDurableException;
import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;

/**
 * The bounded queue between the receivers and storage, with ONE writer thread.
 *
 * <p>Without a write-ahead log, receivers {@link #submit} decoded batches; the writer takes every batch
 * waiting (up to {@code maxWriteItems} items), stores them with one {@link TelemetryWriter#write} call — one
 * durable transaction — and only then completes each submitter's future. A receiver answers success only
 * after its future completed, so an acknowledged batch is durably stored.
 *
 * <p>With a write-ahead log ({@link IngestLog}), {@link #submit} also appends the request to the log, and
 * the future completes as soon as the log has synced it (one fsync for every request that arrived
 * meanwhile): acknowledged means in the log. The writer then applies batches in large transactions
 * ({@link TelemetryWriter#apply}) that record the log position, syncs the database every
 * {@code syncInterval} and only then drops the log up to what the database holds. After a crash,
 * {@link #start} replays the log after the database's position before anything new is accepted.
 *
 * <p>Backpressure: the queue holds at most {@code capacity} items (spans + log records + metric points).
 * {@link #submit} never blocks: when the batch does not fit it throws {@link IngestOverloadedException}
 * at once (a batch larger than the whole queue is taken only when the queue is empty, so it is not refused
 * forever). If a merged write fails, each batch of it is written again on its own, so one batch the store
 * refuses fails only its own submitter; a failed batch's future completes with
 * {@link IngestUnavailableException} and the writer goes on with the next.
 */
public final class IngestPipeline implements SmartLifecycle {

    /** Lifecycle phase: started before and stopped after the receivers ({@link #RECEIVER_PHASE}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;
    public static final int RECEIVER_PHASE = PHASE + 1;

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    private static final Duration DRAIN_ON_STOP = Duration.ofSeconds(20);

    private final TelemetryWriter writer;
    private final IngestLog ingestLog;
    private final int capacity;
    private final int maxWriteItems;
    private final Duration retryAfter;
    private final IngestStats stats;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Submission> queue = new ArrayDeque<>();
    private volatile int queuedItems;
    private volatile boolean accepting;
    /** Items queued or being written: what queries may not see yet. */
    private final AtomicLong unapplied = new AtomicLong();
    /** The last log sequence the writer applied (writer thread; read by stop() after it joined the writer). */
    private volatile long appliedSequence;
    private Thread writerThread;

    public IngestPipeline(TelemetryWriter writer, int capacity, int maxWriteItems, Duration retryAfter, IngestStats stats) {
        this(writer, null, capacity, maxWriteItems, retryAfter, stats);
    }

    /** @param ingestLog the write-ahead log that acknowledges requests, or null to acknowledge durable commits */
    public IngestPipeline(TelemetryWriter writer, IngestLog ingestLog, int capacity, int maxWriteItems, Duration retryAfter,
                          IngestStats stats) {
        if (capacity <= 0 || maxWriteItems <= 0) {
            throw new IllegalArgumentException("capacity and maxWriteItems must be positive");
        }
        this.writer = writer;
        this.ingestLog = ingestLog;
        this.capacity = capacity;
        this.maxWriteItems = maxWriteItems;
        this.retryAfter = retryAfter;
        this.stats = stats;
    }

    /**
     * Queues the batch for the writer. The future completes normally after the batch is durably committed,
     * or exceptionally with {@link IngestUnavailableException} when it could not be stored.
     *
     * @throws IngestOverloadedException   when the queue has no room for the batch (nothing was queued)
     * @throws IngestUnavailableException  when the pipeline is not running
     */
    public CompletableFuture<Void> submit(TelemetryBatch batch) {
        return submit(batch, null);
    }

    /**
     * Like {@link #submit(TelemetryBatch)}; with a write-ahead log, {@code entry} is what the log keeps (its
     * decoding must give {@code batch} again) and the future completes once the log synced it.
     */
    public CompletableFuture<Void> submit(TelemetryBatch batch, LogEntry entry) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (ingestLog != null && entry == null) {
            throw new IllegalArgumentException("this pipeline logs every request: submit it with its log entry");
        }
        int items = batch.size();
        Submission submission = new Submission(batch, new CompletableFuture<>());
        lock.lock();
        try {
            if (!accepting) {
                throw new IngestUnavailableException("ingest is not running (the server is starting or shutting down)", null);
            }
            if (!queue.isEmpty() && queuedItems + items > capacity) {
                countRejected(batch);
                throw new IngestOverloadedException("ingest queue is full: " + queuedItems + " of " + capacity
                        + " items are waiting to be stored and this request has " + items
                        + "; retry after " + retryAfter.toMillis() + " ms", retryAfter);
            }
            if (ingestLog != null) {
                // under the queue lock: the queue holds submissions in log order, so "applied through N"
                // always means every entry up to N
                CompletableFuture<Long> logged = ingestLog.append(entry);
                submission = new Submission(batch, new CompletableFuture<>(), ingestLog.lastSequence(), logged);
                logged.whenComplete((sequence, failure) -> {
                    if (failure == null) {
                        succeed(batch);
                    }
                });
            }
            queue.addLast(submission);
            queuedItems += items;
            unapplied.addAndGet(items);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (ingestLog != null) {
            return submission.logged.handle((sequence, failure) -> {
                if (failure != null) {
                    countRejected(batch);
                    throw new IngestUnavailableException("the write-ahead log could not store the request: " + failure, failure);
                }
                return null;
            });
        }
        return submission.done;
    }

    /** Items waiting for the writer (not counting the batch being written). */
    public int queueDepth() {
        return queuedItems;
    }

    public int queueCapacity() {
        return capacity;
    }

    public IngestStats.Snapshot snapshot() {
        return new IngestStats.Snapshot(stats.counts(Signal.TRACES), stats.counts(Signal.LOGS),
                stats.counts(Signal.METRICS), queuedItems, capacity, unapplied.get(), stats.dropped(),
                ingestLog == null ? 0 : ingestLog.bytesOnDisk());
    }

    public IngestStats stats() {
        return stats;
    }

    /** Whether batches are taken and the writer thread is alive. */
    public boolean isHealthy() {
        Thread thread = writerThread;
        return accepting && thread != null && thread.isAlive() && logFailure() == null;
    }

    /**
     * Why the write-ahead log takes no more requests (a failed write or fsync: disk full, I/O error), or null.
     * Every request then answers 503 until Meridian is restarted: after a failed fsync the log's unsynced tail
     * cannot be trusted, and a restart cuts it and replays what was acknowledged.
     */
    public String logFailure() {
        return ingestLog == null ? null : ingestLog.failure();
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (accepting) {
                return;
            }
            if (ingestLog != null) {
                ingestLog.replay(writer, maxWriteItems);
                appliedSequence = writer.appliedSequence();
            }
            accepting = true;
            writerThread = Thread.ofPlatform().name("meridian-ingest-writer").daemon(false).start(this::runWriter);
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking batches, lets the writer store what is queued (up to 20 s), then fails the rest. */
    @Override
    public void stop() {
        Thread thread;
        lock.lock();
        try {
            if (!accepting) {
                return;
            }
            accepting = false;
            notEmpty.signalAll();
            thread = writerThread;
        } finally {
            lock.unlock();
        }
        try {
            thread.join(DRAIN_ON_STOP);
            if (thread.isAlive()) {
                log.warn("ingest writer did not finish within {}; interrupting it", DRAIN_ON_STOP);
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            for (Submission left; (left = queue.pollFirst()) != null; ) {
                queuedItems -= left.batch.size();
                unapplied.addAndGet(-left.batch.size());
                fail(left, new IngestUnavailableException("ingest stopped before this batch was stored", null));
            }
        } finally {
            lock.unlock();
        }
        if (ingestLog != null) {
            // what is still queued stays in the log and is replayed at the next start; the log stays open,
            // because a stopped pipeline may start again (Spring pauses and restarts lifecycle beans)
            ingestLog.syncAndTruncate(writer, appliedSequence);
        }
    }

    /** Stops, and closes the write-ahead log for good (the bean's destroy method). */
    public void close() {
        stop();
        if (ingestLog != null) {
            ingestLog.close();
        }
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void runWriter() {
        try {
            for (List<Submission> work; (work = take()) != null; ) {
                try {
                    write(work);
                } finally {
                    unapplied.addAndGet(-work.stream().mapToLong(w -> w.batch.size()).sum());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until something is queued; returns the batches to write together, or null when stopped and drained. */
    private List<Submission> take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (!accepting) {
                    return null;
                }
                notEmpty.await();
            }
            List<Submission> work = new ArrayList<>();
            int items = 0;
            while (!queue.isEmpty() && (work.isEmpty() || items + queue.peekFirst().batch.size() <= maxWriteItems)) {
                Submission next = queue.pollFirst();
                items += next.batch.size();
                work.add(next);
            }
            queuedItems -= items;
            return work;
        } finally {
            lock.unlock();
        }
    }

    private void write(List<Submission> work) {
        if (ingestLog != null) {
            apply(work);
            return;
        }
        if (work.size() == 1) {
            writeAlone(work.getFirst());
            return;
        }
        try {
            writer.write(merge(work));
            work.forEach(this::succeed);
        } catch (NotDurableException notSynced) {
            // committed but not on disk: writing each batch again would store it twice and fail the same way
            log.warn("{} batches were stored but could not be synced to disk: {}", work.size(), notSynced.getMessage());
            IngestUnavailableException failure = new IngestUnavailableException("storage could not sync to disk: "
                    + notSynced.getMessage(), notSynced);
            work.forEach(submission -> fail(submission, failure));
        } catch (Throwable mergedFailure) {
            // The contract says nothing of a failed write was stored: write each batch alone, so a batch the
            // store refuses fails only its own request.
            log.debug("merged write of {} batches failed; writing them one by one", work.size(), mergedFailure);
            work.forEach(this::writeAlone);
        }
    }

    private void writeAlone(Submission submission) {
        try {
            writer.write(submission.batch);
            succeed(submission);
        } catch (Throwable failure) {
            log.warn("storing a batch of {} items failed: {}", submission.batch.size(), failure.toString());
            fail(submission, new IngestUnavailableException("storage failed: " + failure, failure));
        }
    }

    /**
     * Applies logged submissions in one transaction. They are acknowledged already, so nothing may be lost
     * here: a merged write that fails is applied entry by entry; an entry that still fails while the database
     * takes a position-only write is poison and is skipped (logged and counted); when the database takes
     * nothing, the writer waits and retries, and the full queue answers 429 meanwhile.
     */
    private void apply(List<Submission> work) {
        List<Submission> logged = new ArrayList<>(work.size());
        for (Submission submission : work) {
            try {
                submission.logged.join(); // never apply what the log might still lose
                logged.add(submission);
            } catch (RuntimeException notLogged) {
                // the client was told it failed; it will send it again
            }
        }
        if (logged.isEmpty()) {
            return;
        }
        long through = logged.getLast().sequence;
        try {
            writer.apply(IngestLog.merge(logged.stream().map(Submission::batch).toList()), through);
            appliedSequence = through;
        } catch (RuntimeException mergedFailure) {
            log.debug("merged apply of {} logged batches failed; applying them one by one", logged.size(), mergedFailure);
            for (Submission submission : logged) {
                applyAlone(submission);
            }
        }
        ingestLog.afterApply(writer, appliedSequence);
    }

    private void applyAlone(Submission submission) {
        for (long backoffMillis = 100; ; backoffMillis = Math.min(backoffMillis * 2, 5_000)) {
            try {
                writer.apply(submission.batch, submission.sequence);
                appliedSequence = submission.sequence;
                return;
            } catch (RuntimeException failure) {
                try {
                    writer.apply(TelemetryBatch.EMPTY, submission.sequence);
                    appliedSequence = submission.sequence;
                    stats.dropped(submission.batch.size());
                    log.error("an acknowledged batch of {} items (log entry {}) cannot be stored and is skipped: {}",
                            submission.batch.size(), submission.sequence, failure.toString());
                    return;
                } catch (RuntimeException storageDown) {
                    log.warn("storage refuses writes ({}); retrying in {} ms", storageDown.toString(), backoffMillis);
                    try {
                        Thread.sleep(backoffMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return; // stopping: the entry stays in the log and is replayed at the next start
                    }
                }
            }
        }
    }

    private void succeed(Submission submission) {
        succeed(submission.batch);
        submission.done.complete(null);
    }

    private void succeed(TelemetryBatch batch) {
        stats.accepted(Signal.TRACES, batch.spans().size());
        stats.accepted(Signal.LOGS, batch.logs().size());
        stats.accepted(Signal.METRICS, batch.metricPoints().size());
    }

    private void fail(Submission submission, IngestUnavailableException failure) {
        countRejected(submission.batch);
        submission.done.completeExceptionally(failure);
    }

    private void countRejected(TelemetryBatch batch) {
        stats.rejected(Signal.TRACES, batch.spans().size());
        stats.rejected(Signal.LOGS, batch.logs().size());
        stats.rejected(Signal.METRICS, batch.metricPoints().size());
    }

    private static TelemetryBatch merge(List<Submission> work) {
        return IngestLog.merge(work.stream().map(Submission::batch).toList());
    }

    /** A queued batch; with a log, its sequence and the future of its log sync. */
    private record Submission(TelemetryBatch batch, CompletableFuture<Void> done, long sequence,
                              CompletableFuture<Long> logged) {
        Submission(TelemetryBatch batch, CompletableFuture<Void> done) {
            this(batch, done, 0, null);
        }
    }
}
