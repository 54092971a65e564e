package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 21: copies every row of the former {@code spans} table into {@code span_runs} (V20) as a run of one
 * span, keeping its key, so exemplars and the attribute side index still name it. The details keep the old
 * compressed detail value as it is ({@link SpanRunCodec#migratedDetails}): no dictionary is needed to copy.
 * Java, because heads are binary; registered with Flyway by the storage configuration and the test stores.
 */
public final class SpansToRuns extends NumberedMigration {

    private static final int SLICE = 10_000;

    public SpansToRuns() {
        super(21, "spans to span runs");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        DetailWriter writer = new DetailWriter();
        long after = Long.MIN_VALUE;
        try (PreparedStatement read = connection.prepareStatement("SELECT span_key, trace_hi, trace_lo, span_id,"
                + " parent_span_id, service_id, name_id, kind, start_ns, end_ns, status_code, status_message, resource_id,"
                + " detail FROM spans WHERE span_key > ? ORDER BY span_key LIMIT " + SLICE);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO span_runs (first_key, last_key, trace_hi,"
                     + " trace_lo, service_id, start_ns, end_ns, max_duration_ns, error_count, span_count, heads, details)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) {
            for (int copied = SLICE; copied == SLICE; ) {
                copied = 0;
                read.setLong(1, after);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong("span_key");
                        copy(rs, insert, writer);
                        copied++;
                    }
                }
                insert.executeBatch();
            }
        }
    }

    private static void copy(ResultSet rs, PreparedStatement insert, DetailWriter writer) throws SQLException {
        long key = rs.getLong("span_key");
        long start = rs.getLong("start_ns");
        long end = rs.getLong("end_ns");
        int status = rs.getInt("status_code");
        SpanRunCodec.Head head = new SpanRunCodec.Head(key, rs.getLong("span_id"), rs.getLong("parent_span_id"),
                rs.getInt("name_id"), rs.getInt("kind"), start, end, status, rs.getLong("resource_id"));
        insert.setLong(1, key);
        insert.setLong(2, key);
        insert.setLong(3, rs.getLong("trace_hi"));
        insert.setLong(4, rs.getLong("trace_lo"));
        insert.setInt(5, rs.getInt("service_id"));
        insert.setLong(6, start);
        insert.setLong(7, Math.max(start, end)); // end_ns bounds every start of the run (see V20)
        insert.setLong(8, head.durationNanos());
        insert.setInt(9, status == 2 ? 1 : 0);
        insert.setBytes(10, SpanRunCodec.encodeHeads(writer, List.of(head), start));
        String message = rs.getString("status_message");
        insert.setBytes(11, SpanRunCodec.migratedDetails(writer, message == null ? "" : message, rs.getBytes("detail")));
        insert.addBatch();
    }
}
