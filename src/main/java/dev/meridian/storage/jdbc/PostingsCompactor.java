package dev.meridian.storage.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Merges the rows of {@link AttributePostings} once their key window has closed: every writer transaction adds a
 * row per bucket it touches, so at a few hundred spans per transaction a window holds thousands of small rows per
 * bucket, and a search would read them one by one. Merged, a bucket's window holds rows of up to
 * {@link AttributePostings#MAX_ROW_POSTINGS} postings. A window is closed when its end is older than the
 * lateness of run keys plus a margin; rows that arrive later still (runs keyed for spans older than the lateness)
 * stay as they are. A run stops after {@link #RUN_BUDGET} and the next goes on (after a restart the first runs
 * go through every window once: the progress is kept in memory).
 */
public class PostingsCompactor implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PostingsCompactor.class);
    private static final long CLOSED_AFTER_NANOS = RowKeys.LATENESS_NANOS + 60_000_000_000L;
    private static final int BUCKETS = 1 << AttributePostings.BUCKET_BITS;
    static final Duration RUN_BUDGET = Duration.ofSeconds(10);
    /** Fewer bytes than a row of MAX_ROW_POSTINGS postings can take (each takes at least 14): a row to merge. */
    private static final int FULL_ROW_BYTES = AttributePostings.MAX_ROW_POSTINGS * 14;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Per bucket, the key below which every closed window was merged (since this process started). */
    private final long[] mergedBelow = new long[BUCKETS];

    public PostingsCompactor(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, Duration.ofMinutes(1), Duration.ofMinutes(1)));
    }

    void run() {
        try {
            compact();
        } catch (RuntimeException e) {
            log.warn("attribute postings compaction failed; the next run retries", e);
        }
    }

    /** Merges the closed windows not merged yet, within {@link #RUN_BUDGET}; returns how many rows it removed. */
    public long compact() {
        long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
        long closedBelow = AttributePostings.windowStart(RowKeys.floorKey(
                clock.instant().toEpochMilli() * 1_000_000L - CLOSED_AFTER_NANOS));
        long removed = 0;
        for (int bucket = 0; bucket < BUCKETS && System.nanoTime() < deadline; bucket++) {
            if (mergedBelow[bucket] >= closedBelow) {
                continue;
            }
            Map<Long, Integer> smallRowsByWindow = new TreeMap<>();
            jdbc.query("SELECT first_key, OCTET_LENGTH(postings) FROM attribute_postings WHERE bucket = ? AND first_key >= ?"
                    + " AND first_key < ?", rs -> {
                if (rs.getInt(2) < FULL_ROW_BYTES) {
                    smallRowsByWindow.merge(AttributePostings.windowStart(rs.getLong(1)), 1, Integer::sum);
                }
            }, bucket, mergedBelow[bucket], closedBelow);
            long done = closedBelow;
            for (Map.Entry<Long, Integer> window : smallRowsByWindow.entrySet()) {
                if (System.nanoTime() >= deadline) {
                    done = window.getKey(); // the next run goes on from here
                    break;
                }
                if (window.getValue() > 1) {
                    removed += merge(bucket, window.getKey());
                }
            }
            mergedBelow[bucket] = done;
        }
        return removed;
    }

    /** Rewrites the rows of one bucket and window as full rows, in one transaction; returns how many fewer there are. */
    private int merge(int bucket, long windowStart) {
        Integer removed = transactions.execute(status -> {
            List<AttributePostings.Posting> postings = new ArrayList<>();
            List<Object[]> read = new ArrayList<>();
            jdbc.query("SELECT first_key, postings FROM attribute_postings WHERE bucket = ? AND first_key >= ?"
                    + " AND first_key < ?", rs -> {
                AttributePostings.decode(rs.getBytes(2), rs.getLong(1), null, postings::add);
                read.add(new Object[] {bucket, rs.getLong(1)});
            }, bucket, windowStart, windowStart + AttributePostings.WINDOW_KEYS);
            List<BucketRow> merged = AttributePostings.rows(new DetailWriter(), postings);
            if (merged.size() >= read.size()) {
                return 0; // full rows already
            }
            for (int count : jdbc.batchUpdate("DELETE FROM attribute_postings WHERE bucket = ? AND first_key = ?", read)) {
                if (count == 0) { // retention deleted it meanwhile: writing the merged rows would bring it back
                    status.setRollbackOnly();
                    return 0;
                }
            }
            jdbc.batchUpdate(AttributePostings.INSERT + " VALUES (?, ?, ?, ?)", merged, merged.size(),
                    (statement, row) -> row.bind(statement, 0));
            return read.size() - merged.size();
        });
        return removed == null ? 0 : removed;
    }
}
