package dev.meridian.ui.base;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Turns a click on a time-series chart into the time bucket it points at. */
public final class DrillDown {

    private DrillDown() {
    }

    /** A clicked bucket {@code [start, end)}. */
    public record Window(Instant start, Instant end) {
    }

    /**
     * The bucket whose point is nearest to the clicked time: points are drawn at bucket starts, so a
     * click on or around a spike selects the spike's bucket.
     */
    public static Window bucketAt(Instant clicked, List<Instant> bucketStarts, Duration step) {
        if (bucketStarts.isEmpty()) {
            Instant start = Instant.ofEpochMilli(Math.floorDiv(clicked.toEpochMilli(), step.toMillis()) * step.toMillis());
            return new Window(start, start.plus(step));
        }
        Instant nearest = bucketStarts.getFirst();
        long best = Long.MAX_VALUE;
        for (Instant start : bucketStarts) {
            long distance = Math.abs(Duration.between(start, clicked).toMillis());
            if (distance < best) {
                best = distance;
                nearest = start;
            }
        }
        return new Window(nearest, nearest.plus(step));
    }
}
