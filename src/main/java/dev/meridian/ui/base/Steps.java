package dev.meridian.ui.base;

import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.util.List;

/** Chooses a chart's bucket size: the finest rollup-friendly step that keeps the point count readable. */
public final class Steps {

    private static final List<Duration> CANDIDATES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));

    private Steps() {
    }

    public static Duration forRange(TimeRange range, int maxPoints) {
        long length = range.endNanos() - range.startNanos();
        for (Duration step : CANDIDATES) {
            if (length / step.toNanos() <= maxPoints) {
                return step;
            }
        }
        return CANDIDATES.getLast();
    }
}
