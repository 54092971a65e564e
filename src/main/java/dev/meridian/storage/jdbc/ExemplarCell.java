package dev.meridian.storage.jdbc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The exemplars of one {@code span_exemplars} cell (service, span name, start minute): the {@link #KEEP}
 * slowest spans and the {@link #KEEP} slowest failed spans, plus how many spans and failed spans the cell
 * saw. A span of the cell that was not kept is no slower than {@link #slowestCutoffNanos()} (failed:
 * {@link #errorCutoffNanos()}), which is what lets a reader prove that merged exemplars are the exact answer.
 *
 * <p>Mutable while the writer aggregates a batch; readers only {@link #decode} and read.
 */
public final class ExemplarCell {

    /** Spans kept per list; a search for up to this many traces can be answered from exemplars. */
    public static final int KEEP = 100;
    private static final int ENTRY_BYTES = 25;
    private static final byte VERSION = 1;
    private static final Comparator<SpanRef> FASTEST_FIRST = Comparator.comparingLong(SpanRef::durationNanos)
            .thenComparingLong(SpanRef::key);

    /** A stored span by its row key, with what searches filter and sort on. */
    public record SpanRef(long key, long startNanos, long durationNanos, boolean error) {
    }

    private long spanCount;
    private long errorCount;
    private final PriorityQueue<SpanRef> slowest = new PriorityQueue<>(FASTEST_FIRST);
    private final PriorityQueue<SpanRef> slowestErrors = new PriorityQueue<>(FASTEST_FIRST);

    /** A cell that saw exactly these spans. */
    public static ExemplarCell of(SpanRef... spans) {
        ExemplarCell cell = new ExemplarCell();
        for (SpanRef span : spans) {
            cell.add(span);
        }
        return cell;
    }

    void add(SpanRef span) {
        spanCount++;
        keep(slowest, span);
        if (span.error()) {
            errorCount++;
            keep(slowestErrors, span);
        }
    }

    /** Adds a stored cell: both hold different spans (one cell per batch and minute, one writer). */
    void merge(ExemplarCell stored) {
        spanCount += stored.spanCount;
        errorCount += stored.errorCount;
        stored.slowest.forEach(s -> keep(slowest, s));
        stored.slowestErrors.forEach(s -> keep(slowestErrors, s));
    }

    private static void keep(PriorityQueue<SpanRef> kept, SpanRef span) {
        if (kept.size() < KEEP) {
            kept.add(span);
        } else if (FASTEST_FIRST.compare(span, kept.peek()) > 0) {
            kept.poll();
            kept.add(span);
        }
    }

    public long spanCount() {
        return spanCount;
    }

    public long errorCount() {
        return errorCount;
    }

    /** The kept slowest spans, slowest first. */
    public List<SpanRef> slowest() {
        return sortedSlowestFirst(slowest);
    }

    /** The kept slowest failed spans, slowest first. */
    public List<SpanRef> slowestErrors() {
        return sortedSlowestFirst(slowestErrors);
    }

    /** Every span of the cell that is not among {@link #slowest()} is at most this long; -1 when all are kept. */
    public long slowestCutoffNanos() {
        return spanCount > slowest.size() ? slowest.peek().durationNanos() : -1;
    }

    /** Every failed span not among {@link #slowestErrors()} is at most this long; -1 when all are kept. */
    public long errorCutoffNanos() {
        return errorCount > slowestErrors.size() ? slowestErrors.peek().durationNanos() : -1;
    }

    private static List<SpanRef> sortedSlowestFirst(PriorityQueue<SpanRef> kept) {
        List<SpanRef> list = new ArrayList<>(kept);
        list.sort(FASTEST_FIRST.reversed());
        return list;
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + 8 + 4 + 4 + ENTRY_BYTES * (slowest.size() + slowestErrors.size()));
        out.put(VERSION).putLong(spanCount).putLong(errorCount).putInt(slowest.size()).putInt(slowestErrors.size());
        for (SpanRef s : slowest) {
            put(out, s);
        }
        for (SpanRef s : slowestErrors) {
            put(out, s);
        }
        return out.array();
    }

    private static void put(ByteBuffer out, SpanRef s) {
        out.putLong(s.key()).putLong(s.startNanos()).putLong(s.durationNanos()).put((byte) (s.error() ? 1 : 0));
    }

    public static ExemplarCell decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.get() != VERSION) {
            throw new IllegalArgumentException("unknown exemplar cell version " + bytes[0]);
        }
        ExemplarCell cell = new ExemplarCell();
        cell.spanCount = in.getLong();
        cell.errorCount = in.getLong();
        int slow = in.getInt();
        int errors = in.getInt();
        for (int i = 0; i < slow; i++) {
            cell.slowest.add(get(in));
        }
        for (int i = 0; i < errors; i++) {
            cell.slowestErrors.add(get(in));
        }
        return cell;
    }

    private static SpanRef get(ByteBuffer in) {
        return new SpanRef(in.getLong(), in.getLong(), in.getLong(), in.get() == 1);
    }
}
