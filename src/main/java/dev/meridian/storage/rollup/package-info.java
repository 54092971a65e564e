/**
 * Rollup levels: the writer's minute rollups compacted into 10-minute and hourly buckets
 * ({@link dev.meridian.storage.rollup.RollupCompactor}), each level complete below its watermark
 * ({@link dev.meridian.storage.rollup.Watermarks}), and the pure choice of which level's cells a read
 * uses for which part of a window ({@link dev.meridian.storage.rollup.RollupPlan}).
 */
package dev.meridian.storage.rollup;
