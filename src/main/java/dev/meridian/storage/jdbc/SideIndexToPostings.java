package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 24: turns every row of the former side index ({@code span_attributes}: a hash and the key range of
 * one trace's runs) into postings of {@code attribute_postings} (V23), one per run of the range. A posting takes
 * its run's summary columns: the run's longest duration, errors and starts bound those of the spans with the value,
 * which is all a search needs (it checks each span's attributes on its details). One hash bucket at a time, so
 * memory holds a 128th of the index. Java, because postings are binary.
 */
public final class SideIndexToPostings extends NumberedMigration {

    public SideIndexToPostings() {
        super(24, "attribute side index to postings");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        DetailWriter writer = new DetailWriter();
        long bucketWidth = 1L << (64 - AttributePostings.BUCKET_BITS);
        try (PreparedStatement read = connection.prepareStatement("SELECT a.attr_hash, r.first_key, r.service_id,"
                + " r.max_duration_ns, r.error_count, r.start_ns, r.end_ns FROM span_attributes a"
                + " JOIN span_runs r ON r.first_key BETWEEN a.span_key AND a.last_key"
                + " WHERE a.attr_hash >= ? AND a.attr_hash <= ? ORDER BY a.attr_hash, r.first_key");
             PreparedStatement insert = connection.prepareStatement(
                     AttributePostings.INSERT + " VALUES (?, ?, ?, ?)")) {
            read.setFetchSize(10_000); // PostgreSQL's driver reads a whole result at once without it
            for (int bucket = 0; bucket < 1 << AttributePostings.BUCKET_BITS; bucket++) {
                long from = (long) bucket << (64 - AttributePostings.BUCKET_BITS);
                read.setLong(1, from);
                read.setLong(2, from + (bucketWidth - 1));
                List<AttributePostings.Posting> postings = new ArrayList<>();
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long start = rs.getLong("start_ns");
                        // end_ns bounds every start of the run (V20)
                        AttributePostings.Posting posting = new AttributePostings.Posting(rs.getLong(1), rs.getLong(2),
                                rs.getInt(3), rs.getLong(4), rs.getInt(5) > 0, start, rs.getLong("end_ns"));
                        AttributePostings.Posting previous = postings.isEmpty() ? null : postings.getLast();
                        if (previous == null || previous.hash() != posting.hash() || previous.runKey() != posting.runKey()) {
                            postings.add(posting); // one per hash and run (in that order)
                        }
                    }
                }
                for (BucketRow row : AttributePostings.rows(writer, postings)) {
                    row.bind(insert, 0);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
