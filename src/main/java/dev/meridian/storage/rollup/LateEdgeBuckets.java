package dev.meridian.storage.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The (caller, bucket) pairs of a coarse level whose finer edge rows changed after the bucket was compacted.
 * {@link LateBuckets} cannot see them all: a call is stored in the minute its client side started, which may be
 * in another bucket than the late span that completed it (a client span at hh:09:59 whose callee arrives after
 * the compactor already rebuilt the caller's bucket for the client span), so no span count of that bucket
 * changes. Compares each edge's summed call counts between the levels (no histogram is read), like LateBuckets.
 */
final class LateEdgeBuckets {

    record SourceBucket(int sourceServiceId, long bucketMinute) {
    }

    private final String sql;

    LateEdgeBuckets(RollupLevel level) {
        int size = level.minutes();
        sql = "SELECT DISTINCT f.source_service_id, f.bucket * " + size + " FROM (SELECT source_service_id,"
                + " target_service_id, bucket_minute / " + size + " AS bucket, SUM(call_count) AS calls FROM "
                + level.finer().edgeTable() + " WHERE bucket_minute >= ? AND bucket_minute < ?"
                + " GROUP BY source_service_id, target_service_id, bucket_minute / " + size + ") f"
                + " LEFT JOIN " + level.edgeTable() + " c ON c.source_service_id = f.source_service_id"
                + " AND c.target_service_id = f.target_service_id AND c.bucket_minute = f.bucket * " + size
                + " WHERE c.call_count IS NULL OR c.call_count <> f.calls";
    }

    /** The stale buckets starting in {@code [fromMinute, toMinute)} (both multiples of the level). */
    List<SourceBucket> find(Connection connection, long fromMinute, long toMinute) throws SQLException {
        List<SourceBucket> stale = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, fromMinute);
            select.setLong(2, toMinute);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stale.add(new SourceBucket(rs.getInt(1), rs.getLong(2)));
                }
            }
        }
        return stale;
    }

    @Override
    public String toString() {
        return "LateEdgeBuckets{" + sql + "}";
    }
}
