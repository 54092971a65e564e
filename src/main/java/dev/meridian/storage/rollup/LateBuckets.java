package dev.meridian.storage.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The (service, bucket) pairs of a coarse level whose finer rows changed after the bucket was compacted.
 * Every stored span adds one to its service's {@code span_count} in the minute row of its start, in the
 * same transaction as its other rollup rows, so a bucket is stale exactly when the sum of its finer span
 * counts differs from its own (or it has no row). Compares sums only: no histogram is read.
 * Epoch minutes are positive, so integer division is the bucket.
 */
final class LateBuckets {

    record ServiceBucket(int serviceId, long bucketMinute) {
    }

    private final String sql;

    LateBuckets(RollupLevel level) {
        int size = level.minutes();
        sql = "SELECT f.service_id, f.bucket * " + size + " FROM (SELECT service_id, bucket_minute / " + size
                + " AS bucket, SUM(span_count) AS spans FROM " + level.finer().serviceTable()
                + " WHERE bucket_minute >= ? AND bucket_minute < ? GROUP BY service_id, bucket_minute / " + size + ") f"
                + " LEFT JOIN " + level.serviceTable() + " c ON c.service_id = f.service_id AND c.bucket_minute = f.bucket * " + size
                + " WHERE c.span_count IS NULL OR c.span_count <> f.spans";
    }

    /** The stale buckets starting in {@code [fromMinute, toMinute)} (both multiples of the level). */
    List<ServiceBucket> find(Connection connection, long fromMinute, long toMinute) throws SQLException {
        List<ServiceBucket> stale = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, fromMinute);
            select.setLong(2, toMinute);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stale.add(new ServiceBucket(rs.getInt(1), rs.getLong(2)));
                }
            }
        }
        return stale;
    }

    @Override
    public String toString() {
        return "LateBuckets{" + sql + "}";
    }
}
