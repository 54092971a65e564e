package dev.meridian.storage.rollup;

/**
 * How far each coarse level is complete: every bucket of the level that ends at or before its
 * watermark (epoch minutes, exclusive, a multiple of the level) has been compacted from the finer level.
 * {@link Long#MIN_VALUE} when a level was never compacted; the minute level is always complete.
 */
public record Watermarks(long tenMinutes, long hour) {

    /** Nothing compacted yet: every read uses minute rows. */
    public static final Watermarks NONE = new Watermarks(Long.MIN_VALUE, Long.MIN_VALUE);

    /** The end (exclusive) of the level's complete buckets. */
    public long doneBefore(RollupLevel level) {
        return switch (level) {
            case MINUTE -> Long.MAX_VALUE;
            case TEN_MINUTES -> tenMinutes;
            case HOUR -> hour;
        };
    }

    Watermarks with(RollupLevel level, long doneBefore) {
        return switch (level) {
            case MINUTE -> this;
            case TEN_MINUTES -> new Watermarks(doneBefore, hour);
            case HOUR -> new Watermarks(tenMinutes, doneBefore);
        };
    }
}
