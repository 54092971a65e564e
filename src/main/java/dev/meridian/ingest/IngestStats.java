package dev.meridian.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest self-metrics since start. Per signal: <b>accepted</b> items were committed by the writer;
 * <b>rejected</b> items were not stored — refused individually (invalid ids, reported to the client as
 * partial success) or as part of a request refused for overload or failed by the writer. <b>Dropped</b>
 * items were acknowledged (in the write-ahead log) but the database refused them on their own: they are
 * logged as errors and should stay 0.
 */
public final class IngestStats {

    private final Map<Signal, LongAdder> accepted = new EnumMap<>(Signal.class);
    private final Map<Signal, LongAdder> rejected = new EnumMap<>(Signal.class);

    public IngestStats() {
        for (Signal signal : Signal.values()) {
            accepted.put(signal, new LongAdder());
            rejected.put(signal, new LongAdder());
        }
    }

    private final LongAdder dropped = new LongAdder();

    public void dropped(long items) {
        dropped.add(items);
    }

    public long dropped() {
        return dropped.sum();
    }

    public void accepted(Signal signal, long items) {
        accepted.get(signal).add(items);
    }

    public void rejected(Signal signal, long items) {
        rejected.get(signal).add(items);
    }

    public SignalCounts counts(Signal signal) {
        return new SignalCounts(accepted.get(signal).sum(), rejected.get(signal).sum());
    }

    /** Accepted and rejected item counts of one signal. */
    public record SignalCounts(long accepted, long rejected) {
    }

    /**
     * What {@code GET /api/v1/ingest/stats} answers. {@code unappliedItems}: items accepted (acknowledged, with
     * the write-ahead log) that queries cannot see yet, because the writer has not committed them to the database;
     * {@code droppedItems}: acknowledged items the database refused on their own (should stay 0);
     * {@code logBytes}: the size of the write-ahead log on disk.
     */
    public record Snapshot(SignalCounts traces, SignalCounts logs, SignalCounts metrics, int queueDepth, int queueCapacity,
                           long unappliedItems, long droppedItems, long logBytes) {
    }
}
