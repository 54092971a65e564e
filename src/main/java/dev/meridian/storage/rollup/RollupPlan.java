package dev.meridian.storage.rollup;

import java.util.ArrayList;
import java.util.List;

/**
 * Which level's cells a read uses for which part of a window: a pure function of the window (whole
 * epoch minutes, half-open {@code [from, to)}), the coarsest level wanted and the {@link Watermarks}.
 *
 * <p>The pieces cover the window exactly, without overlap, in time order. A level's cells are used only
 * for buckets that lie wholly inside the window and below the level's watermark; the edges, and
 * everything from the watermark on, come from the next finer level, down to minute rows. A read by the
 * plan therefore sums the same minute rows as a read of minute rows alone (see {@link RollupCompactor}
 * for spans that arrive after their bucket was compacted). Percentiles stay mergeable: every level
 * keeps a histogram per cell.
 *
 * @param pieces the ranges of the window and the level each is read from
 */
public record RollupPlan(List<Piece> pieces) {

    /** The cells of {@code level} with bucket starts in {@code [fromMinute, toMinute)}. */
    public record Piece(RollupLevel level, long fromMinute, long toMinute) {

        /** How many cells (per service, operation and kind) this piece reads at most. */
        public long cells() {
            return (toMinute - fromMinute) / level.minutes();
        }
    }

    public RollupPlan {
        pieces = List.copyOf(pieces);
    }

    /**
     * A summary over a window (services, operations): the coarsest cells that fit, hours in the middle,
     * 10-minute cells and minutes towards the edges and after the watermarks.
     */
    public static RollupPlan forWindow(long fromMinute, long toMinute, Watermarks watermarks) {
        return cover(fromMinute, toMinute, RollupLevel.HOUR, watermarks);
    }

    /**
     * A series with buckets of {@code stepMinutes} from {@code fromMinute} (aligned to the step) to
     * {@code toMinute}: the coarsest level whose cells tile the step, so every cell falls in one bucket.
     */
    public static RollupPlan forSeries(long fromMinute, long toMinute, long stepMinutes, Watermarks watermarks) {
        return cover(fromMinute, toMinute, RollupLevel.coarsestDividing(stepMinutes), watermarks);
    }

    /** The exact cover of {@code [fromMinute, toMinute)} by levels up to {@code coarsest}. */
    public static RollupPlan cover(long fromMinute, long toMinute, RollupLevel coarsest, Watermarks watermarks) {
        List<Piece> pieces = new ArrayList<>();
        cover(fromMinute, toMinute, coarsest, watermarks, pieces);
        return new RollupPlan(pieces);
    }

    private static void cover(long from, long to, RollupLevel level, Watermarks watermarks, List<Piece> pieces) {
        if (from >= to) {
            return;
        }
        if (level == RollupLevel.MINUTE) {
            pieces.add(new Piece(level, from, to));
            return;
        }
        long start = level.ceil(from);
        long end = Math.min(level.floor(to), watermarks.doneBefore(level));
        if (start >= end) {
            cover(from, to, level.finer(), watermarks, pieces);
            return;
        }
        cover(from, start, level.finer(), watermarks, pieces);
        pieces.add(new Piece(level, start, end));
        cover(end, to, level.finer(), watermarks, pieces);
    }

    /** How many cells the plan reads at most per service, operation and kind. */
    public long cells() {
        return pieces.stream().mapToLong(Piece::cells).sum();
    }

    /** The coarsest level the plan reads. */
    public RollupLevel coarsest() {
        return pieces.stream().map(Piece::level).max(Enum::compareTo).orElse(RollupLevel.MINUTE);
    }
}
