package dev.meridian.storage.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the recent rows of {@link TraceIndex} into compacted rows once their key window has closed (its end is
 * older than the lateness of run keys plus a margin), a recent bucket and window per transaction. Runs keyed in a
 * window after it was compacted (spans older than the lateness) land in recent rows again and are merged into the
 * window's compacted rows at the next run. A run stops after {@link #RUN_BUDGET}; the next goes on.
 */
public class TraceIndexCompactor implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(TraceIndexCompactor.class);
    private static final long CLOSED_AFTER_NANOS = RowKeys.LATENESS_NANOS + 30_000_000_000L;
    private static final int SUB_BUCKETS = 1 << (TraceIndex.BUCKET_BITS - TraceIndex.RECENT_BUCKET_BITS);
    static final Duration RUN_BUDGET = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private int nextBucket;

    public TraceIndexCompactor(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    void run() {
        try {
            compact();
        } catch (RuntimeException e) {
            log.warn("trace index compaction failed; the next run retries", e);
        }
    }

    /** Compacts the closed windows' recent rows within {@link #RUN_BUDGET}; returns how many recent rows it moved. */
    public long compact() {
        long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
        long closedBelow = TraceIndex.window(RowKeys.floorKey(clock.instant().toEpochMilli() * 1_000_000L - CLOSED_AFTER_NANOS))
                << TraceIndex.WINDOW_SHIFT;
        long moved = 0;
        int buckets = 1 << TraceIndex.RECENT_BUCKET_BITS;
        for (int done = 0; done < buckets && System.nanoTime() < deadline; done++) {
            int bucket = nextBucket;
            nextBucket = (nextBucket + 1) % buckets; // a run out of time leaves the next buckets to the next run first
            TreeSet<Long> windows = new TreeSet<>();
            jdbc.query("SELECT first_key FROM trace_index_recent WHERE bucket = ? AND first_key < ?",
                    rs -> {
                        windows.add(TraceIndex.window(rs.getLong(1)));
                    }, bucket, closedBelow);
            for (long window : windows) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                moved += compact(bucket, window);
            }
        }
        return moved;
    }

    /** Merges one recent bucket's rows of a window into the window's compacted rows, in one transaction. */
    private int compact(int recentBucket, long window) {
        Integer moved = transactions.execute(status -> {
            long windowStart = window << TraceIndex.WINDOW_SHIFT;
            List<Object[]> read = new ArrayList<>();
            Map<Integer, List<TraceIndex.Posting>> byBucket = new TreeMap<>();
            jdbc.query("SELECT first_key, postings FROM trace_index_recent WHERE bucket = ? AND first_key >= ? AND first_key < ?",
                    rs -> {
                        TraceIndex.decode(rs.getBytes(2), rs.getLong(1), null, posting -> byBucket.computeIfAbsent(
                                TraceIndex.bucket(posting.traceHi()), b -> new ArrayList<>()).add(posting));
                        read.add(new Object[] {recentBucket, rs.getLong(1)});
                    }, recentBucket, windowStart, windowStart + TraceIndex.WINDOW_KEYS);
            if (read.isEmpty()) {
                return 0;
            }
            long fromRow = TraceIndex.rowKey(window, recentBucket * SUB_BUCKETS);
            long toRow = TraceIndex.rowKey(window, (recentBucket + 1) * SUB_BUCKETS);
            jdbc.query("SELECT row_key, postings FROM trace_index WHERE row_key >= ? AND row_key < ?", rs -> {
                TraceIndex.decode(rs.getBytes(2), windowStart, null, posting -> byBucket.computeIfAbsent(
                        TraceIndex.bucket(posting.traceHi()), b -> new ArrayList<>()).add(posting));
            }, fromRow, toRow);
            for (int count : jdbc.batchUpdate("DELETE FROM trace_index_recent WHERE bucket = ? AND first_key = ?", read)) {
                if (count == 0) { // retention deleted it meanwhile: the window is going, leave it to retention
                    status.setRollbackOnly();
                    return 0;
                }
            }
            jdbc.update("DELETE FROM trace_index WHERE row_key >= ? AND row_key < ?", fromRow, toRow);
            DetailWriter writer = new DetailWriter();
            List<Object[]> rows = new ArrayList<>();
            byBucket.forEach((bucket, postings) -> rows.add(new Object[] {TraceIndex.rowKey(window, bucket),
                    TraceIndex.encode(writer, postings, windowStart)}));
            jdbc.batchUpdate(TraceIndex.INSERT + " VALUES (?, ?)", rows);
            return read.size();
        });
        return moved == null ? 0 : moved;
    }
}
