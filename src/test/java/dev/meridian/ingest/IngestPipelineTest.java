package dev.meridian.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TraceId;

class IngestPipelineTest {

    /** A writer that records each call, can hold calls back, and refuses batches containing a poisoned log. */
    static final class Store implements TelemetryWriter {
        final List<TelemetryBatch> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch gate;

        @Override
        public void write(TelemetryBatch batch) {
            entered.countDown();
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
            calls.add(batch);
        }
    }

    final Store store = new Store();
    final IngestStats stats = new IngestStats();
    IngestPipeline pipeline = new IngestPipeline(store, 10, 1000, Duration.ofSeconds(2), stats);

    @AfterEach
    void stop() {
        CountDownLatch gate = store.gate;
        if (gate != null) {
            gate.countDown();
        }
        pipeline.stop();
    }

    static TelemetryBatch logs(String... bodies) {
        List<LogRecord> logs = new ArrayList<>();
        for (String body : bodies) {
            logs.add(new LogRecord(Resource.EMPTY, InstrumentationScope.EMPTY, 1, 1, 9, "INFO", body, Attributes.EMPTY, 0, 0,
                    TraceId.INVALID, SpanId.NONE, ""));
        }
        return TelemetryBatch.ofLogs(logs);
    }

    @Test
    void submit_completesAfterTheWriterCommitted() throws Exception {
        pipeline.start();

        pipeline.submit(logs("a", "b")).get(5, TimeUnit.SECONDS);

        assertThat(store.calls).singleElement().satisfies(batch -> assertThat(batch.logs()).hasSize(2));
        assertThat(stats.counts(Signal.LOGS)).isEqualTo(new IngestStats.SignalCounts(2, 0));
    }

    @Test
    void submit_batchesWaitingTogether_areWrittenInOneCall() throws Exception {
        store.gate = new CountDownLatch(1);
        pipeline.start();
        CompletableFuture<Void> first = pipeline.submit(logs("first"));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = pipeline.submit(logs("second", "second"));
        CompletableFuture<Void> third = pipeline.submit(logs("third"));
        assertThat(pipeline.queueDepth()).isEqualTo(3);

        store.gate.countDown();
        CompletableFuture.allOf(first, second, third).get(5, TimeUnit.SECONDS);

        assertThat(store.calls).extracting(batch -> batch.logs().size()).containsExactly(1, 3);
        assertThat(pipeline.queueDepth()).isZero();
    }

    @Test
    void submit_whenTheQueueIsFull_failsFastWithOverload() throws Exception {
        store.gate = new CountDownLatch(1);
        pipeline.start();
        pipeline.submit(logs("in the writer"));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        pipeline.submit(logs("1", "2", "3", "4", "5", "6", "7", "8"));

        assertThatThrownBy(() -> pipeline.submit(logs("9", "10", "11")))
                .isInstanceOf(IngestOverloadedException.class)
                .hasMessageContaining("8 of 10 items are waiting")
                .satisfies(e -> assertThat(((IngestOverloadedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(stats.counts(Signal.LOGS).rejected()).isEqualTo(3);
        pipeline.submit(logs("9", "10")); // exactly fills the queue
    }

    @Test
    void submit_batchLargerThanTheQueue_isTakenWhenTheQueueIsEmpty() throws Exception {
        pipeline.start();

        pipeline.submit(logs("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")).get(5, TimeUnit.SECONDS);

        assertThat(store.calls).hasSize(1);
    }

    @Test
    void writerFailure_dropsOnlyTheItemTheStoreRefuses_andAcknowledgesTheRest() throws Exception {
        store.gate = new CountDownLatch(1);
        pipeline.start();
        CompletableFuture<Void> first = pipeline.submit(logs("first"));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> good = pipeline.submit(logs("good"));
        CompletableFuture<Void> withPoison = pipeline.submit(logs("a", "b", "poison", "c", "d"));
        CompletableFuture<Void> alsoGood = pipeline.submit(logs("also good"));

        store.gate.countDown();
        first.get(5, TimeUnit.SECONDS);
        good.get(5, TimeUnit.SECONDS);
        withPoison.get(5, TimeUnit.SECONDS);
        alsoGood.get(5, TimeUnit.SECONDS);

        assertThat(store.calls).flatExtracting(TelemetryBatch::logs).extracting(LogRecord::body)
                .containsExactly("first", "good", "a", "b", "c", "d", "also good");
        assertThat(stats.dropped()).isEqualTo(1);
        pipeline.submit(logs("after")).get(5, TimeUnit.SECONDS);
    }

    @Test
    void writerFailure_whileStorageTakesNoWrites_failsTheBatchAsUnavailable() throws Exception {
        var down = new IngestPipeline(new TelemetryWriter() {
            @Override
            public void write(TelemetryBatch batch) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public long appliedSequence() {
                throw new IllegalStateException("database closed");
            }
        }, 10, 1000, Duration.ofSeconds(2), stats);
        down.start();
        try {
            assertThatThrownBy(() -> down.submit(logs("a", "b")).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IngestUnavailableException.class).hasMessageContaining("disk full");
            assertThat(stats.dropped()).isZero();
        } finally {
            down.stop();
        }
    }

    @Test
    void stop_writesWhatIsQueuedThenRefusesNewBatches() throws Exception {
        store.gate = new CountDownLatch(1);
        pipeline.start();
        CompletableFuture<Void> first = pipeline.submit(logs("first"));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> queued = pipeline.submit(logs("queued"));

        Thread stopper = Thread.ofVirtual().start(pipeline::stop);
        Thread.sleep(50);
        store.gate.countDown();
        stopper.join(10_000);

        first.get(1, TimeUnit.SECONDS);
        queued.get(1, TimeUnit.SECONDS);
        assertThat(pipeline.isRunning()).isFalse();
        assertThatThrownBy(() -> pipeline.submit(logs("late"))).isInstanceOf(IngestUnavailableException.class);
    }

    @Test
    void submit_emptyBatch_completesAtOnceWithoutAWrite() throws Exception {
        pipeline.start();

        pipeline.submit(logs()).get(1, TimeUnit.SECONDS);

        assertThat(store.calls).isEmpty();
    }
}
