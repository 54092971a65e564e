package dev.meridian.ingest.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TraceId;

/**
 * A {@link TelemetryWriter} that keeps what it was given, in memory. It stands in for the JDBC writer of the
 * storage branch until that is merged; for the overload and failure tests it can also hold writes back
 * ({@link #block()}) or fail them ({@link #failWith}), which a user cannot easily do to a real database.
 */
final class RecordingTelemetryWriter implements TelemetryWriter {

    private final List<TelemetryBatch> batches = new CopyOnWriteArrayList<>();
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> entered = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    @Override
    public void write(TelemetryBatch batch) {
        entered.get().countDown();
        CountDownLatch blocked = gate.get();
        if (blocked != null) {
            try {
                if (!blocked.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test writer was blocked for more than 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        RuntimeException fail = failure.get();
        if (fail != null) {
            throw fail;
        }
        batches.add(batch);
    }

    /** Holds every write back until {@link #unblock()}; returns a latch that opens when the next write starts. */
    CountDownLatch block() {
        CountDownLatch next = new CountDownLatch(1);
        entered.set(next);
        gate.set(new CountDownLatch(1));
        return next;
    }

    void unblock() {
        CountDownLatch blocked = gate.getAndSet(null);
        if (blocked != null) {
            blocked.countDown();
        }
    }

    void failWith(RuntimeException exception) {
        failure.set(exception);
    }

    void heal() {
        failure.set(null);
    }

    int writeCalls() {
        return batches.size();
    }

    List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        batches.forEach(batch -> spans.addAll(batch.spans()));
        return spans;
    }

    List<Span> spansOf(TraceId traceId) {
        return spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    List<LogRecord> logs() {
        List<LogRecord> logs = new ArrayList<>();
        batches.forEach(batch -> logs.addAll(batch.logs()));
        return logs;
    }

    List<MetricPoint> metricPoints() {
        List<MetricPoint> points = new ArrayList<>();
        batches.forEach(batch -> points.addAll(batch.metricPoints()));
        return points;
    }
}
