package dev.meridian.ingest;

import static dev.meridian.ingest.IngestPipelineTest.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.ingest.wal.WalSettings;
import dev.meridian.ingest.wal.WriteAheadLog;
import dev.meridian.storage.NotDurableException;
import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.TelemetryBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with a write-ahead log: acknowledged once logged, applied later in log order with the log
 * position, replayed after a restart from where the database stands, poison skipped without losing the rest.
 * Entries are the log bodies joined by '|', so a batch decodes back from its entry.
 */
class IngestPipelineLogTest {

    /** A writer that keeps applied batches and their positions, can be held back, and refuses "poison". */
    static final class Store implements TelemetryWriter {
        final List<String> applied = new CopyOnWriteArrayList<>();
        volatile long position;
        volatile long syncedPosition;
        volatile CountDownLatch gate;
        volatile boolean diskFull;

        @Override
        public void write(TelemetryBatch batch) {
            throw new AssertionError("a logged pipeline applies, it never writes");
        }

        @Override
        public void apply(TelemetryBatch batch, long logSequence) {
            CountDownLatch current = gate;
            if (current != null) {
                try {
                    current.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (batch.logs().stream().anyMatch(log -> "poison".equals(log.body()))) {
                throw new IllegalStateException("constraint violated");
            }
            batch.logs().forEach(log -> applied.add((String) log.body()));
            position = logSequence;
        }

        @Override
        public long appliedSequence() {
            return syncedPosition;
        }

        @Override
        public void sync() {
            if (diskFull) {
                throw new NotDurableException("No space left on device", null);
            }
            syncedPosition = position;
        }
    }

    static LogEntry entry(String... bodies) {
        return new LogEntry((byte) 7, String.join("|", bodies).getBytes(StandardCharsets.UTF_8));
    }

    static final LogEntryDecoder DECODER = (type, payload) -> logs(new String(payload, StandardCharsets.UTF_8).split("\\|"));

    @TempDir
    Path dir;
    final Store store = new Store();
    IngestPipeline pipeline;

    IngestPipeline open(int capacity) throws Exception {
        WriteAheadLog wal = WriteAheadLog.open(dir, new WalSettings(1 << 20, Duration.ZERO));
        pipeline = new IngestPipeline(store, new IngestLog(wal, DECODER, Duration.ofHours(1), Long.MAX_VALUE), capacity,
                1000, Duration.ofSeconds(1), new IngestStats());
        pipeline.start();
        return pipeline;
    }

    void submit(String... bodies) {
        pipeline.submit(logs(bodies), entry(bodies)).join();
    }

    @AfterEach
    void close() {
        if (store.gate != null) {
            store.gate.countDown();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void submit_isAcknowledgedOnceLogged_evenWhileTheWriterIsHeldBack() throws Exception {
        store.gate = new CountDownLatch(1);
        open(100);

        submit("a", "b");
        submit("c");

        assertThat(store.applied).isEmpty();
        assertThat(pipeline.snapshot().unappliedItems()).isEqualTo(3);
        store.gate.countDown();
        awaitApplied();
        assertThat(store.applied).containsExactly("a", "b", "c");
        assertThat(store.position).isEqualTo(2);
    }

    @Test
    void submit_whenTheQueueIsFull_failsFastWithOverloadAndLogsNothing() throws Exception {
        store.gate = new CountDownLatch(1);
        open(4);
        submit("in the writer");
        while (pipeline.queueDepth() > 0) {
            Thread.sleep(5);
        }
        submit("1", "2", "3");

        assertThatThrownBy(() -> pipeline.submit(logs("4", "5"), entry("4", "5"))).isInstanceOf(IngestOverloadedException.class);
        store.gate.countDown();
        awaitApplied();
        submit("6");
        awaitApplied();
        assertThat(store.applied).containsExactly("in the writer", "1", "2", "3", "6");
    }

    @Test
    void start_replaysTheLogAfterWhatTheDatabaseHolds() throws Exception {
        // what a killed process leaves: three acknowledged entries in the log, the database synced through the first
        try (WriteAheadLog previous = WriteAheadLog.open(dir, new WalSettings(1 << 20, Duration.ZERO))) {
            previous.append((byte) 7, entry("stored").payload()).join();
            previous.append((byte) 7, entry("lost", "by").payload()).join();
            previous.append((byte) 7, entry("the crash").payload()).join();
        }
        store.syncedPosition = 1;

        open(100);

        assertThat(store.applied).containsExactly("lost", "by", "the crash");
        assertThat(store.syncedPosition).isEqualTo(3);
        submit("next");
        awaitApplied();
        assertThat(store.position).isEqualTo(4); // the sequence goes on after the replayed entries
    }

    @Test
    void start_replayingAPoisonEntry_skipsOnlyThatEntry() throws Exception {
        try (WriteAheadLog previous = WriteAheadLog.open(dir, new WalSettings(1 << 20, Duration.ZERO))) {
            previous.append((byte) 7, entry("before").payload()).join();
            previous.append((byte) 7, entry("poison").payload()).join();
            previous.append((byte) 7, entry("after").payload()).join();
        }

        open(100);

        assertThat(store.applied).containsExactly("before", "after");
        assertThat(store.syncedPosition).isEqualTo(3);
    }

    @Test
    void start_replayingAnEntryWithOnePoisonItem_storesTheRestOfThatEntry() throws Exception {
        try (WriteAheadLog previous = WriteAheadLog.open(dir, new WalSettings(1 << 20, Duration.ZERO))) {
            previous.append((byte) 7, entry("before").payload()).join();
            previous.append((byte) 7, entry("kept", "poison", "kept too").payload()).join();
            previous.append((byte) 7, entry("after").payload()).join();
        }

        open(100);

        assertThat(store.applied).containsExactly("before", "kept", "kept too", "after");
        assertThat(store.syncedPosition).isEqualTo(3);
    }

    @Test
    void poisonEntry_isSkippedAndCountedWhileTheOthersAreApplied() throws Exception {
        store.gate = new CountDownLatch(1);
        open(100);
        submit("first");
        submit("poison");
        submit("after");
        store.gate.countDown();
        awaitApplied();

        assertThat(store.applied).containsExactly("first", "after");
        assertThat(pipeline.snapshot().droppedItems()).isEqualTo(1);
        assertThat(store.position).isEqualTo(3);
    }

    @Test
    void poisonItem_isSkippedAloneAndTheRestOfItsEntryIsApplied() throws Exception {
        store.gate = new CountDownLatch(1);
        open(100);
        submit("first");
        submit("a", "b", "poison", "c");
        submit("after");
        store.gate.countDown();
        awaitApplied();

        assertThat(store.applied).containsExactly("first", "a", "b", "c", "after");
        assertThat(pipeline.snapshot().droppedItems()).isEqualTo(1);
        assertThat(store.position).isEqualTo(3);
    }

    @Test
    void databaseSyncFailing_keepsTheWholeLog_soARestartReplaysWhatWasNotSynced() throws Exception {
        open(100);
        submit("synced");
        awaitApplied();
        pipeline.stop(); // syncs and truncates through "synced"
        pipeline.start();
        store.diskFull = true;
        submit("applied", "but");
        submit("not synced");
        awaitApplied();

        pipeline.close(); // the sync at stop fails: the log must not be truncated behind it
        pipeline = null;
        assertThat(store.syncedPosition).isEqualTo(1);

        // what the database holds after an OS crash: only what was synced
        store.applied.clear();
        store.position = store.syncedPosition;
        store.diskFull = false;
        open(100);
        assertThat(store.applied).containsExactly("applied", "but", "not synced");
        assertThat(store.syncedPosition).isEqualTo(3);
    }

    private void awaitApplied() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pipeline.snapshot().unappliedItems() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(pipeline.snapshot().unappliedItems()).isZero();
    }
}
