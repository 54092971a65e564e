package dev.meridian.storage.rollup;

import dev.meridian.storage.jdbc.HistogramCodec;
import dev.meridian.storage.jdbc.RollupRows;
import dev.meridian.storage.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Rebuilds one bucket of a coarse level, for every service or for one, from the next finer level:
 * reads the finer rows of the bucket, merges them per key (counts and duration sums add up, histograms
 * merge), deletes the bucket's coarse rows and upserts the merged ones. Because the whole bucket is
 * recomputed and overwritten, running it again, or after a crash, gives the same rows.
 */
final class CompactBucket {

    private record RedKey(int serviceId, int operationId, int kind) {
    }

    private static final class RedCell {
        long requests;
        long errors;
        long durationSumNanos;
        long statusOk;
        long status4xx;
        long status5xx;
        final Histogram histogram = HistogramCodec.newHistogram();
    }

    private record EdgeKey(int sourceServiceId, int targetServiceId) {
    }

    private static final class EdgeCell {
        long calls;
        long errors;
        final Histogram histogram = HistogramCodec.newHistogram();
    }

    private static final class ServiceCell {
        long spans;
        long requests;
        long errors;
        final Histogram histogram = HistogramCodec.newHistogram();
    }

    private static final String RED_COLUMNS = "service_id, operation_id, kind, request_count, error_count, duration_sum_ns,"
            + " status_ok, status_4xx, status_5xx, histogram";
    private static final String SERVICE_COLUMNS = "service_id, span_count, request_count, error_count, histogram";

    private final RollupLevel level;
    /**
     * Finer rows merged in one order: an auto-resizing histogram's encoding (its trackable range) depends on the
     * order of the merges, so without it a bucket rebuilt from the same rows could differ byte for byte (PostgreSQL
     * returns rows in their physical order, which updates change). A bucket's rows are few: the sort is cheap.
     */
    private static final String RED_ORDER = " ORDER BY bucket_minute, service_id, operation_id, kind";
    private static final String SERVICE_ORDER = " ORDER BY bucket_minute, service_id";
    private static final String EDGE_ORDER = " ORDER BY bucket_minute, source_service_id, target_service_id";
    private final String selectRed;
    private final String selectService;
    private final String deleteRed;
    private final String deleteService;
    private final String upsertRed;
    private final String upsertService;
    private final String selectEdges;
    private final String deleteEdges;
    private final String upsertEdge;

    /** @param level a coarse level (table names are the level's constants) */
    CompactBucket(RollupLevel level, SqlDialect dialect) {
        if (level == RollupLevel.MINUTE) {
            throw new IllegalArgumentException("the minute level is written by the span writer");
        }
        this.level = level;
        RollupLevel finer = level.finer();
        String range = " WHERE bucket_minute >= ? AND bucket_minute < ?";
        selectRed = "SELECT " + RED_COLUMNS + " FROM " + finer.redTable() + range;
        selectService = "SELECT " + SERVICE_COLUMNS + " FROM " + finer.serviceTable() + range;
        deleteRed = "DELETE FROM " + level.redTable() + " WHERE bucket_minute = ?";
        deleteService = "DELETE FROM " + level.serviceTable() + " WHERE bucket_minute = ?";
        upsertRed = dialect.upsert(level.redTable(), RollupRows.RED_KEYS, RollupRows.RED_VALUES);
        upsertService = dialect.upsert(level.serviceTable(), RollupRows.SERVICE_KEYS, RollupRows.SERVICE_VALUES);
        selectEdges = "SELECT source_service_id, target_service_id, call_count, error_count, histogram FROM "
                + finer.edgeTable() + range;
        deleteEdges = "DELETE FROM " + level.edgeTable() + " WHERE bucket_minute = ?";
        upsertEdge = dialect.upsert(level.edgeTable(), RollupRows.EDGE_KEYS, RollupRows.EDGE_VALUES);
    }

    /**
     * Rebuilds the bucket starting at {@code bucketMinute} for {@code serviceId}, or for every service when it
     * is null, in the caller's transaction; returns how many coarse rows were written.
     */
    int run(Connection connection, long bucketMinute, Integer serviceId) throws SQLException {
        String only = serviceId == null ? "" : " AND service_id = ?";
        Map<RedKey, RedCell> red = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(selectRed + only + RED_ORDER)) {
            bind(select, bucketMinute, bucketMinute + level.minutes(), serviceId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    RedCell cell = red.computeIfAbsent(new RedKey(rs.getInt(1), rs.getInt(2), rs.getInt(3)), k -> new RedCell());
                    cell.requests += rs.getLong(4);
                    cell.errors += rs.getLong(5);
                    cell.durationSumNanos += rs.getLong(6);
                    cell.statusOk += rs.getLong(7);
                    cell.status4xx += rs.getLong(8);
                    cell.status5xx += rs.getLong(9);
                    cell.histogram.add(HistogramCodec.decode(rs.getBytes(10)));
                }
            }
        }
        Map<Integer, ServiceCell> services = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(selectService + only + SERVICE_ORDER)) {
            bind(select, bucketMinute, bucketMinute + level.minutes(), serviceId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ServiceCell cell = services.computeIfAbsent(rs.getInt(1), k -> new ServiceCell());
                    cell.spans += rs.getLong(2);
                    cell.requests += rs.getLong(3);
                    cell.errors += rs.getLong(4);
                    byte[] histogram = rs.getBytes(5);
                    if (histogram != null) { // minute rows written before V2 have none
                        cell.histogram.add(HistogramCodec.decode(histogram));
                    }
                }
            }
        }
        delete(connection, deleteRed + only, bucketMinute, serviceId);
        delete(connection, deleteService + only, bucketMinute, serviceId);
        if (!red.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(upsertRed)) {
                for (Map.Entry<RedKey, RedCell> entry : red.entrySet()) {
                    RedKey key = entry.getKey();
                    RedCell cell = entry.getValue();
                    RollupRows.bindRed(upsert, key.serviceId(), bucketMinute, key.operationId(), key.kind(), cell.requests,
                            cell.errors, cell.durationSumNanos, cell.statusOk, cell.status4xx, cell.status5xx, cell.histogram);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
        if (!services.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(upsertService)) {
                for (Map.Entry<Integer, ServiceCell> entry : services.entrySet()) {
                    ServiceCell cell = entry.getValue();
                    RollupRows.bindService(upsert, entry.getKey(), bucketMinute, cell.spans, cell.requests, cell.errors,
                            cell.histogram);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
        return red.size() + services.size() + compactEdges(connection, bucketMinute, serviceId);
    }

    /**
     * Rebuilds the service-map edges of the bucket: all of them, or those with {@code serviceId} at either end (a
     * late call changes the span count of its caller's or its callee's minute, see {@link LateBuckets}; or the
     * edge counts differ between levels, see {@link LateEdgeBuckets}); returns how many coarse rows were written.
     */
    int compactEdges(Connection connection, long bucketMinute, Integer serviceId) throws SQLException {
        String only = serviceId == null ? "" : " AND (source_service_id = ? OR target_service_id = ?)";
        Map<EdgeKey, EdgeCell> edges = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(selectEdges + only + EDGE_ORDER)) {
            select.setLong(1, bucketMinute);
            select.setLong(2, bucketMinute + level.minutes());
            if (serviceId != null) {
                select.setInt(3, serviceId);
                select.setInt(4, serviceId);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    EdgeCell cell = edges.computeIfAbsent(new EdgeKey(rs.getInt(1), rs.getInt(2)), k -> new EdgeCell());
                    cell.calls += rs.getLong(3);
                    cell.errors += rs.getLong(4);
                    cell.histogram.add(HistogramCodec.decode(rs.getBytes(5)));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(deleteEdges + only)) {
            delete.setLong(1, bucketMinute);
            if (serviceId != null) {
                delete.setInt(2, serviceId);
                delete.setInt(3, serviceId);
            }
            delete.executeUpdate();
        }
        if (!edges.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(upsertEdge)) {
                for (Map.Entry<EdgeKey, EdgeCell> entry : edges.entrySet()) {
                    EdgeCell cell = entry.getValue();
                    RollupRows.bindEdge(upsert, entry.getKey().sourceServiceId(), entry.getKey().targetServiceId(),
                            bucketMinute, cell.calls, cell.errors, cell.histogram);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
        return edges.size();
    }

    private static void bind(PreparedStatement statement, long from, long to, Integer serviceId) throws SQLException {
        statement.setLong(1, from);
        statement.setLong(2, to);
        if (serviceId != null) {
            statement.setInt(3, serviceId);
        }
    }

    private static void delete(Connection connection, String sql, long bucketMinute, Integer serviceId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, bucketMinute);
            if (serviceId != null) {
                delete.setInt(2, serviceId);
            }
            delete.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "CompactBucket{" + level + ": " + selectRed + " | " + selectService + "}";
    }
}
