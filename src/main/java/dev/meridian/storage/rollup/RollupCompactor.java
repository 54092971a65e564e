package dev.meridian.storage.rollup;

import dev.meridian.storage.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Builds the coarse rollup levels behind their watermarks, every {@code meridian.rollup.interval}:
 * complete 10-minute buckets from the writer's minute rows ({@code red_rollup}, {@code service_rollup}, and the
 * service map's {@code edge_rollup}, whose edges are rebuilt with the services at either end of them)
 * once they ended {@code lateness} ago, then complete hours from the 10-minute rows. Buckets are built in
 * time order, at most {@value #MAX_BUCKETS_PER_RUN} per level and for at most {@link #RUN_BUDGET} per run
 * (on an existing database the levels catch up over several runs, and readers use minute rows meanwhile);
 * stretches without minute rows are skipped.
 *
 * <p><b>Why a crash is harmless.</b> Each bucket is recomputed whole from the finer level and overwritten
 * ({@link CompactBucket}), and the level's watermark advances in the same transaction. A crash before the
 * commit leaves neither; the next run builds the bucket again from the same rows. Readers use a level only
 * below its watermark and finer rows after it ({@link RollupPlan}), so they never see a half-built level.
 * The coarse levels are derived data: no durable commit (CHECKPOINT) is needed; a commit lost with the
 * operating system is rebuilt the same way.
 *
 * <p><b>Late spans.</b> A span that arrives after its bucket was compacted is always in its minute row. Each
 * run then looks back {@code recheck} behind the 10-minute watermark (and the hours over that stretch) for
 * buckets whose finer rows changed, found by comparing span counts ({@link LateBuckets}) and, for service-map
 * edges (a call lies in its client's start minute, maybe another bucket than the late span's), call counts
 * ({@link LateEdgeBuckets}), and recompacts exactly those service buckets. So within the recheck window coarse reads catch up by the next run; a span
 * that starts more than {@code lateness + recheck} before it is stored (with the defaults, over an hour)
 * is counted by minute-level reads only, never by 10-minute or hourly cells. That is the documented limit:
 * the writer is not changed to mark dirty buckets, and re-aggregating everything every run would cost
 * far more than the few buckets late data really touches.
 *
 * <p>Retention deletes coarse buckets once they end before its cutoff; watermarks are never moved back.
 */
public class RollupCompactor implements SchedulingConfigurer {

    static final int MAX_BUCKETS_PER_RUN = 144;
    static final Duration RUN_BUDGET = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(RollupCompactor.class);
    private static final List<RollupLevel> COARSE = List.of(RollupLevel.TEN_MINUTES, RollupLevel.HOUR);

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Clock clock;
    private final RollupSettings settings;

    public RollupCompactor(DataSource dataSource, SqlDialect dialect, Clock clock, RollupSettings settings) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, settings.interval(), Duration.ofMinutes(1)));
    }

    void run() {
        try {
            compact();
        } catch (RuntimeException e) {
            log.warn("rollup compaction failed; the next run retries", e);
        }
    }

    /** One run over both coarse levels; returns the watermarks after it. */
    public Watermarks compact() {
        long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
        Watermarks watermarks = inTransaction(RollupWatermarks::read);
        Instant settled = clock.instant().minus(settings.lateness());
        long settledMinute = Math.floorDiv(settled.getEpochSecond(), 60);
        long recheckMinutes = Math.max(0, settings.recheck().toMinutes());
        for (RollupLevel level : COARSE) {
            if (watermarks.tenMinutes() == Long.MIN_VALUE && level == RollupLevel.HOUR) {
                break; // the 10-minute level has not started (a clock before any bucket was ready)
            }
            // 10-minute buckets that ended `lateness` ago; hours whose 10-minute buckets are all built
            long ready = level.floor(level == RollupLevel.TEN_MINUTES ? settledMinute : watermarks.tenMinutes());
            watermarks = forward(level, watermarks, ready, deadline);
            long doneBefore = watermarks.doneBefore(level);
            if (doneBefore != Long.MIN_VALUE) {
                recompactLate(level, level.floor(watermarks.tenMinutes() - recheckMinutes), doneBefore);
            }
        }
        return watermarks;
    }

    /** Builds the level's buckets from its watermark up to {@code ready}, each with its watermark advance. */
    private Watermarks forward(RollupLevel level, Watermarks watermarks, long ready, long deadline) {
        CompactBucket compact = new CompactBucket(level, dialect);
        long done = watermarks.doneBefore(level);
        int built = 0;
        while (done < ready && built < MAX_BUCKETS_PER_RUN && System.nanoTime() < deadline) {
            long from = done;
            Long next = inTransaction(c -> firstMinuteWithData(c, level.finer(), from));
            long bucket = next == null ? ready : Math.min(ready, level.floor(next));
            if (bucket > done) { // nothing to compact before `bucket`: move the watermark there
                execute(c -> RollupWatermarks.advance(c, dialect, level, bucket));
                done = bucket;
                continue;
            }
            long end = done + level.minutes();
            int rows = inTransaction(c -> {
                int written = compact.run(c, from, null);
                RollupWatermarks.advance(c, dialect, level, end);
                return written;
            });
            log.debug("compacted {} bucket {}: {} rows", level, from, rows);
            done = end;
            built++;
        }
        if (done < ready) {
            log.info("rollup level {} is catching up: built {} buckets, done before minute {}, {} buckets to go",
                    level, built, done, (ready - done) / level.minutes());
        }
        return watermarks.with(level, done);
    }

    /** Recompacts the service buckets in {@code [from, to)} whose finer rows changed after they were built. */
    private void recompactLate(RollupLevel level, long from, long to) {
        if (from >= to) {
            return;
        }
        LateBuckets late = new LateBuckets(level);
        LateEdgeBuckets lateEdges = new LateEdgeBuckets(level);
        CompactBucket compact = new CompactBucket(level, dialect);
        int rebuilt = inTransaction(c -> {
            List<LateBuckets.ServiceBucket> stale = late.find(c, from, to);
            for (LateBuckets.ServiceBucket bucket : stale) {
                compact.run(c, bucket.bucketMinute(), bucket.serviceId());
            }
            // after the services' rebuild (which rebuilds their edges too): calls that changed no span count
            List<LateEdgeBuckets.SourceBucket> staleEdges = lateEdges.find(c, from, to);
            for (LateEdgeBuckets.SourceBucket bucket : staleEdges) {
                compact.compactEdges(c, bucket.bucketMinute(), bucket.sourceServiceId());
            }
            return stale.size() + staleEdges.size();
        });
        if (rebuilt > 0) {
            log.debug("recompacted {} {} buckets changed by late spans", rebuilt, level);
        }
    }

    /** The first minute at or after {@code from} with a row at the level, or null. */
    private static Long firstMinuteWithData(Connection connection, RollupLevel level, long from) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(bucket_minute) FROM " + level.serviceTable() + " WHERE bucket_minute >= ?")) {
            select.setLong(1, from);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long minute = rs.getLong(1);
                return rs.wasNull() ? null : minute;
            }
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Query<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rollup compaction failed", e);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void execute(Work work) {
        inTransaction(c -> {
            work.run(c);
            return null;
        });
    }
}
