package dev.meridian.storage.retention;

import dev.meridian.storage.DictionaryRetention;
import dev.meridian.storage.jdbc.AttributePostings;
import dev.meridian.storage.jdbc.TraceIndex;
import dev.meridian.storage.jdbc.RowKeys;
import dev.meridian.storage.rollup.RollupLevel;
import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Deletes telemetry older than {@code meridian.retention.max-age}, every {@code meridian.retention.interval}.
 * Each delete is a bounded batch in its own transaction: heavy tables by ranges of their time-ordered
 * key (the slice adapts to hold about {@code batch-rows} rows; span runs by their first key, exact since the
 * keys of a run share one millisecond and the cutoff is a millisecond's first key), the attribute postings by
 * bucket and key window, the trace index by key window (postings of deleted runs are harmless meanwhile: searches
 * and lookups skip runs that are gone),
 * rollups by minute, the coarse rollup levels by whole buckets. A run of the job stops after
 * {@code time-budget} and the next one goes on; deleting rows that are already gone is a no-op, so a crash
 * mid-run is harmless.
 *
 * <p>Then the dictionaries ({@link DictionaryRetention}): entries the writer has not used for the retention
 * period plus {@link #DICTIONARY_MARGIN} are deleted. The margin covers how late the writer records a use (at
 * most an hour) and rows that outlive their period until a run deletes them, so a deleted entry is never
 * one a stored row still names.
 */
public class RetentionJob implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final long MINUTE_OF_KEYS = 60_000L << RowKeys.SEQUENCE_BITS;

    /** See the class comment. */
    static final Duration DICTIONARY_MARGIN = Duration.ofHours(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final RetentionPolicy settings;
    private final DictionaryRetention dictionaries;

    public RetentionJob(DataSource dataSource, Clock clock, RetentionPolicy settings) {
        this(dataSource, clock, settings, DictionaryRetention.NONE);
    }

    public RetentionJob(DataSource dataSource, Clock clock, RetentionPolicy settings, DictionaryRetention dictionaries) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.settings = settings;
        this.dictionaries = dictionaries;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, settings.interval(), Duration.ofMinutes(1)));
    }

    void run() {
        try {
            Instant cutoff = clock.instant().minus(settings.maxAge());
            long deleted = purge(cutoff);
            if (deleted > 0) {
                log.info("retention deleted {} rows older than {}", deleted, settings.maxAge());
            }
            int forgotten = dictionaries.forgetUnusedBefore(cutoff.minus(DICTIONARY_MARGIN).minus(settings.interval()));
            if (forgotten > 0) {
                log.info("retention deleted {} dictionary entries (names, resources, series) unused for {}", forgotten,
                        settings.maxAge().plus(DICTIONARY_MARGIN).plus(settings.interval()));
            }
        } catch (RuntimeException e) {
            log.warn("retention run failed; the next run retries", e);
        }
    }

    /** Deletes rows older than the cutoff within the time budget; returns how many. */
    public long purge(Instant cutoff) {
        long deadline = System.nanoTime() + settings.timeBudget().toNanos();
        long cutoffKey = RowKeys.floorKey(TimeRange.toNanos(cutoff));
        long deleted = 0;
        deleted += deleteKeyRange("span_runs", "first_key", cutoffKey, deadline);
        deleted += deleteKeyRange("logs", "log_key", cutoffKey, deadline);
        deleted += deleteKeyRange("metric_points", "point_key", cutoffKey, deadline);
        deleted += AttributePostings.deleteBefore(jdbc, cutoffKey, deadline);
        deleted += TraceIndex.deleteBefore(jdbc, cutoffKey, deadline);
        long cutoffMinute = Math.floorDiv(TimeRange.toNanos(cutoff), 60_000_000_000L);
        deleted += jdbc.update("DELETE FROM red_rollup WHERE bucket_minute < ?", cutoffMinute);
        deleted += jdbc.update("DELETE FROM service_rollup WHERE bucket_minute < ?", cutoffMinute);
        deleted += jdbc.update("DELETE FROM span_exemplars WHERE bucket_minute < ?", cutoffMinute);
        deleted += jdbc.update("DELETE FROM " + RollupLevel.MINUTE.edgeTable() + " WHERE bucket_minute < ?", cutoffMinute);
        for (RollupLevel level : List.of(RollupLevel.TEN_MINUTES, RollupLevel.HOUR)) {
            // whole buckets that end at or before the cutoff: one that straddles it stays until it has passed,
            // since readers take its cells for the minutes after the cutoff too
            long end = level.floor(cutoffMinute);
            deleted += jdbc.update("DELETE FROM " + level.redTable() + " WHERE bucket_minute < ?", end);
            deleted += jdbc.update("DELETE FROM " + level.serviceTable() + " WHERE bucket_minute < ?", end);
            deleted += jdbc.update("DELETE FROM " + level.edgeTable() + " WHERE bucket_minute < ?", end);
        }
        return deleted;
    }

    /** Table and key column are constants of this class. */
    private long deleteKeyRange(String table, String keyColumn, long cutoffKey, long deadline) {
        long deleted = 0;
        long slice = MINUTE_OF_KEYS;
        Long from = jdbc.queryForObject("SELECT MIN(" + keyColumn + ") FROM " + table, Long.class);
        while (from != null && from < cutoffKey && System.nanoTime() < deadline) {
            long to = Math.min(cutoffKey, from + slice);
            int rows = jdbc.update("DELETE FROM " + table + " WHERE " + keyColumn + " >= ? AND " + keyColumn + " < ?", from, to);
            deleted += rows;
            if (rows < settings.batchRows() / 2 && slice < Long.MAX_VALUE / 4) {
                slice *= 2;
            } else if (rows > settings.batchRows() * 2 && slice > (1L << RowKeys.SEQUENCE_BITS)) {
                slice /= 2;
            }
            from = to;
        }
        return deleted;
    }
}
