package dev.meridian.storage;

import dev.meridian.telemetry.TelemetryBatch;

/**
 * Stores decoded telemetry. One call is one transaction: spans, logs, metric points and the RED
 * rollups and exemplars derived from the spans are committed together or not at all.
 *
 * <p>Two ways in: {@link #write} is durable on return by itself; {@link #apply} is for batches that a
 * write-ahead log already holds durably, so it skips the sync (the expensive part) and records the log
 * position instead; {@link #sync} then makes everything applied durable before the log is truncated.
 */
public interface TelemetryWriter {

    /**
     * Writes the batch and returns only after it is durably stored (it survives a crash of the process or
     * the OS right after this returns). Throws when nothing of the batch was stored, or
     * {@link NotDurableException} when it was committed but could not be synced to disk.
     */
    void write(TelemetryBatch batch);

    /**
     * Stores the batch together with {@code logSequence} as the new {@link #appliedSequence()}, in one
     * transaction. Not durable on return: a crash may lose it, and then {@link #appliedSequence()} is older
     * too, so replaying the log from there stores it again exactly once. Throws when nothing was stored.
     */
    default void apply(TelemetryBatch batch, long logSequence) {
        write(batch);
    }

    /** The log sequence of the last {@link #apply}ed batch that survives a crash now (0 when none). */
    default long appliedSequence() {
        return 0;
    }

    /**
     * Makes every applied batch survive a crash of the process or the OS.
     *
     * @throws NotDurableException when the sync failed: nothing applied since the last successful sync may be
     *                             treated as durable
     */
    default void sync() {
    }
}
