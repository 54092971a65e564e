package dev.meridian.storage.rollup;

/**
 * A resolution of the RED rollups and its tables. {@link #MINUTE} is written by the span writer; the
 * coarser levels are compacted from the next finer one by {@link RollupCompactor}. Table names are
 * constants here, so SQL built from them never contains user text.
 */
public enum RollupLevel {
    MINUTE(1, "red_rollup", "service_rollup", "edge_rollup"),
    TEN_MINUTES(10, "red_rollup_10m", "service_rollup_10m", "edge_rollup_10m"),
    HOUR(60, "red_rollup_1h", "service_rollup_1h", "edge_rollup_1h");

    /** A window is read at a level that covers it in at most this many cells (where one exists). */
    public static final int MAX_CELLS = 1000;

    private final int minutes;
    private final String redTable;
    private final String serviceTable;
    private final String edgeTable;

    RollupLevel(int minutes, String redTable, String serviceTable, String edgeTable) {
        this.minutes = minutes;
        this.redTable = redTable;
        this.serviceTable = serviceTable;
        this.edgeTable = edgeTable;
    }

    /** Per (caller service, called service, bucket): calls, failed calls, histogram of call durations. */
    public String edgeTable() {
        return edgeTable;
    }

    /** The bucket length in minutes. */
    public int minutes() {
        return minutes;
    }

    /** Per (service, bucket, operation, kind): counts, duration sum, status classes, histogram. */
    public String redTable() {
        return redTable;
    }

    /** Per (service, bucket): span count and the service's RED with its histogram. */
    public String serviceTable() {
        return serviceTable;
    }

    /** The level this one is compacted from; {@link #MINUTE} has none and answers itself. */
    public RollupLevel finer() {
        return this == MINUTE ? MINUTE : values()[ordinal() - 1];
    }

    /** The start of the bucket holding {@code minute} (epoch minutes). */
    public long floor(long minute) {
        return Math.floorDiv(minute, minutes) * (long) minutes;
    }

    /** The first bucket start at or after {@code minute}. */
    public long ceil(long minute) {
        return -Math.floorDiv(-minute, minutes) * (long) minutes;
    }

    /**
     * The finest level that covers a window of {@code windowMinutes} in at most {@link #MAX_CELLS} cells;
     * {@link #HOUR} for longer windows (over ~41 days an hourly series has more cells).
     */
    public static RollupLevel forWindow(long windowMinutes) {
        for (RollupLevel level : values()) {
            if (-Math.floorDiv(-windowMinutes, level.minutes) <= MAX_CELLS) {
                return level;
            }
        }
        return HOUR;
    }

    /** The coarsest level whose buckets tile a chart step of {@code stepMinutes} (a step is whole minutes). */
    public static RollupLevel coarsestDividing(long stepMinutes) {
        RollupLevel chosen = MINUTE;
        for (RollupLevel level : values()) {
            if (stepMinutes % level.minutes == 0) {
                chosen = level;
            }
        }
        return chosen;
    }
}
