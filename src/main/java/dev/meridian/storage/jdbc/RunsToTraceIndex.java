package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 27: fills the compacted rows of {@link TraceIndex} (V26) with a posting per existing run, a key window
 * at a time (memory holds one window's runs). Windows that are still open get compacted rows too; the compactor
 * merges later recent rows into them. Java, because postings are binary.
 */
public final class RunsToTraceIndex extends NumberedMigration {

    public RunsToTraceIndex() {
        super(27, "trace index from span runs");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        DetailWriter writer = new DetailWriter();
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT first_key FROM span_runs WHERE first_key >= ? ORDER BY first_key LIMIT 1");
             PreparedStatement read = connection.prepareStatement(
                     "SELECT first_key, trace_hi, trace_lo FROM span_runs WHERE first_key >= ? AND first_key < ?");
             PreparedStatement insert = connection.prepareStatement(TraceIndex.INSERT + " VALUES (?, ?)")) {
            read.setFetchSize(10_000); // PostgreSQL's driver reads a whole result at once without it
            long from = Long.MIN_VALUE;
            while (true) {
                next.setLong(1, from);
                long window;
                try (ResultSet rs = next.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    window = TraceIndex.window(rs.getLong(1));
                }
                long windowStart = window << TraceIndex.WINDOW_SHIFT;
                read.setLong(1, windowStart);
                read.setLong(2, windowStart + TraceIndex.WINDOW_KEYS);
                Map<Integer, List<TraceIndex.Posting>> byBucket = new TreeMap<>();
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        TraceIndex.Posting posting = new TraceIndex.Posting(rs.getLong(2), rs.getLong(3), rs.getLong(1));
                        byBucket.computeIfAbsent(TraceIndex.bucket(posting.traceHi()), b -> new ArrayList<>()).add(posting);
                    }
                }
                for (Map.Entry<Integer, List<TraceIndex.Posting>> bucket : byBucket.entrySet()) {
                    insert.setLong(1, TraceIndex.rowKey(window, bucket.getKey()));
                    insert.setBytes(2, TraceIndex.encode(writer, bucket.getValue(), windowStart));
                    insert.addBatch();
                }
                insert.executeBatch();
                from = windowStart + TraceIndex.WINDOW_KEYS;
            }
        }
    }
}
