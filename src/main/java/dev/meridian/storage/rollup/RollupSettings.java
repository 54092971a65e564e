package dev.meridian.storage.rollup;

import java.time.Duration;

/**
 * @param lateness how long after a 10-minute bucket ends it is compacted: spans that start in it may
 *                 arrive this late and still be in the compaction that first builds it
 * @param recheck  how far behind the watermark each run looks for spans that arrived later than that,
 *                 and recompacts the buckets they changed; spans arriving later still stay in the minute
 *                 level only
 * @param interval how often the compactor runs
 */
public record RollupSettings(Duration lateness, Duration recheck, Duration interval) {

    public static RollupSettings defaults() {
        return new RollupSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(1));
    }
}
