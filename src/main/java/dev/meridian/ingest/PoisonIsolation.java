package dev.meridian.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.meridian.storage.NotDurableException;
import dev.meridian.telemetry.TelemetryBatch;

/**
 * Stores what the writer takes of a batch it refused as a whole: the batch is split in halves, a refused half in
 * halves again, down to single items; an item refused on its own while storage takes writes is poison: it is
 * dropped, counted and logged, and everything else of the batch is stored. One poison item costs about
 * 2·log2(n) extra writes, instead of its whole request.
 *
 * <p>Storage that is down must never be mistaken for poison. After each refusal {@code storageTakesWrites} is
 * asked. When that probe is a write ({@code probeWrites}), its answer is trusted. When it can only read (a full
 * disk still reads), an item is judged poison only once another piece of the batch was stored; if nothing is
 * stored within 2·log2(n) + 4 tries, or nothing at all, storage counts as down (so a batch that is poison through
 * and through is answered "unavailable" too: rare, since items are validated when they are decoded).
 *
 * <p>While storage is down, {@link #isolate} either waits for it (a logged batch, which was acknowledged and must
 * not be lost) or gives up at once (a batch whose client is still waiting, which is told "unavailable" and sends
 * it again). Pieces stored before that stay stored: a retry may store them twice, the price of never losing them.
 */
final class PoisonIsolation {

    private static final Logger log = LoggerFactory.getLogger(PoisonIsolation.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    /** What became of the batch: items dropped as poison, and whether storage went down (then nothing is certain). */
    record Outcome(long dropped, boolean storageDown) {
    }

    private PoisonIsolation() {
    }

    /**
     * @param batch              a batch the writer refused as a whole
     * @param store              stores one piece in one transaction; throws when it stored nothing
     * @param storageTakesWrites whether storage takes writes at all (a probe without data)
     * @param probeWrites        whether that probe writes (then a "yes" is trusted), or only reads
     * @param waitWhileDown      wait (with backoff) while storage is down, instead of giving up
     */
    static Outcome isolate(TelemetryBatch batch, Consumer<TelemetryBatch> store, BooleanSupplier storageTakesWrites,
                           boolean probeWrites, boolean waitWhileDown) {
        Deque<int[]> pending = new ArrayDeque<>();
        split(pending, 0, batch.size());
        List<int[]> suspects = new ArrayList<>();
        boolean anyStored = false;
        int refusalsBeforeFirstStore = 0;
        int refusalLimit = 2 * (32 - Integer.numberOfLeadingZeros(batch.size())) + 4;
        long backoffMillis = 100;
        while (!pending.isEmpty()) {
            int[] piece = pending.peek();
            try {
                store.accept(batch.slice(piece[0], piece[1]));
                pending.pop();
                anyStored = true;
                backoffMillis = 100;
                continue;
            } catch (NotDurableException notSynced) {
                // committed, but the sync to disk failed: stored (never to be written again), and storage is in trouble
                pending.pop();
                anyStored = true;
                if (!waitWhileDown) {
                    return new Outcome(0, true);
                }
                continue;
            } catch (RuntimeException refused) {
                boolean down = !probe(storageTakesWrites)
                        || !probeWrites && !anyStored && ++refusalsBeforeFirstStore > refusalLimit;
                if (down) {
                    if (!waitWhileDown) {
                        return new Outcome(0, true);
                    }
                    refusalsBeforeFirstStore = 0;
                    log.warn("storage refuses writes ({}); retrying in {} ms", refused.toString(), backoffMillis);
                    if (!sleep(backoffMillis)) {
                        return new Outcome(0, true); // stopping: a logged batch stays in the log
                    }
                    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
                    continue;
                }
                pending.pop();
                if (piece[1] - piece[0] == 1) {
                    suspects.add(piece);
                    log.error("storage refuses an item on its own ({}): {}", describe(batch.slice(piece[0], piece[1])),
                            refused.toString());
                } else {
                    split(pending, piece[0], piece[1]);
                }
            }
        }
        if (!probeWrites && !anyStored) {
            return new Outcome(0, true); // no evidence that storage takes writes at all
        }
        return new Outcome(suspects.size(), false);
    }

    /** Pushes the halves of {@code [from, to)} so that the first half is tried first. */
    private static void split(Deque<int[]> pending, int from, int to) {
        if (to - from <= 1) {
            pending.push(new int[] {from, to});
            return;
        }
        int middle = from + (to - from) / 2;
        pending.push(new int[] {middle, to});
        pending.push(new int[] {from, middle});
    }

    private static boolean probe(BooleanSupplier storageTakesWrites) {
        try {
            return storageTakesWrites.getAsBoolean();
        } catch (RuntimeException down) {
            return false;
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(TelemetryBatch item) {
        if (!item.spans().isEmpty()) {
            var span = item.spans().getFirst();
            return "span " + span.spanId().toHex() + " '" + abbreviate(span.name()) + "' of trace " + span.traceId().toHex()
                    + ", service '" + abbreviate(span.serviceName()) + "'";
        }
        if (!item.logs().isEmpty()) {
            var record = item.logs().getFirst();
            return "log record of service '" + abbreviate(record.serviceName()) + "' at " + record.effectiveTimeNanos() + " ns";
        }
        var point = item.metricPoints().getFirst();
        return "data point of metric '" + abbreviate(point.name()) + "' of service '" + abbreviate(point.serviceName()) + "'";
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
