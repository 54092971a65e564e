package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The service-map rollups of one written batch: the calls {@link CallPairing} completed, aggregated per
 * (caller, callee, minute of the call's start), merged into {@code edge_rollup} in the writer's transaction.
 *
 * <p>Read-merge-write like {@link RedRollups}, and safe for the same reasons: one writer at a time, and the
 * merge commits with the batch's spans. On replay of the write-ahead log after a crash, the batches the
 * database had not committed are applied again, each exactly once, and pair again from an empty
 * {@link CallPairing}: calls whose other side was committed before the crash are not counted (the map can
 * miss calls in flight at the crash; it never counts one twice).
 *
 * <p>At most {@link #MAX_EDGES_PER_MINUTE} edges per minute: calls of further new edges in a minute that
 * already has that many are dropped and counted. Edges are bounded by services² anyway; this bounds a map
 * read and a flood of invented service names.
 */
final class EdgeRollups {

    static final int MAX_EDGES_PER_MINUTE = 10_000;

    record Key(int sourceServiceId, int targetServiceId, long minute) {
    }

    static final class Cell {
        long calls;
        long errors;
        Histogram histogram = HistogramCodec.newHistogram();
    }

    private final Map<Key, Cell> cells = new HashMap<>();

    void add(CallPairing.Call call) {
        Cell cell = cells.computeIfAbsent(new Key(call.sourceServiceId(), call.targetServiceId(),
                RedRollups.minuteOf(call.startNanos())), k -> new Cell());
        cell.calls++;
        if (call.error()) {
            cell.errors++;
        }
        cell.histogram.recordValue(call.durationNanos() / 1000);
    }

    boolean isEmpty() {
        return cells.isEmpty();
    }

    /** Merges the batch's cells into the stored rows; returns how many calls were dropped by the edge cap. */
    long merge(Connection connection, SqlDialect dialect) throws SQLException {
        if (cells.isEmpty()) {
            return 0;
        }
        long droppedCalls = 0;
        Map<Long, Long> edgesPerMinute = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT call_count, error_count, histogram FROM edge_rollup"
                + " WHERE source_service_id = ? AND target_service_id = ? AND bucket_minute = ?");
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM edge_rollup WHERE bucket_minute = ?");
             PreparedStatement upsert = connection.prepareStatement(dialect.upsert("edge_rollup", RollupRows.EDGE_KEYS, RollupRows.EDGE_VALUES))) {
            for (Map.Entry<Key, Cell> entry : cells.entrySet()) {
                Key key = entry.getKey();
                Cell cell = entry.getValue();
                select.setInt(1, key.sourceServiceId());
                select.setInt(2, key.targetServiceId());
                select.setLong(3, key.minute());
                boolean stored = false;
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        stored = true;
                        cell.calls += rs.getLong(1);
                        cell.errors += rs.getLong(2);
                        cell.histogram.add(HistogramCodec.decode(rs.getBytes(3)));
                    }
                }
                if (!stored) {
                    Long edges = edgesPerMinute.get(key.minute());
                    if (edges == null) {
                        edges = countEdges(count, key.minute());
                    }
                    if (edges >= MAX_EDGES_PER_MINUTE) {
                        droppedCalls += cell.calls;
                        continue;
                    }
                    edgesPerMinute.put(key.minute(), edges + 1);
                }
                RollupRows.bindEdge(upsert, key.sourceServiceId(), key.targetServiceId(), key.minute(), cell.calls,
                        cell.errors, cell.histogram);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        return droppedCalls;
    }

    private static long countEdges(PreparedStatement count, long minute) throws SQLException {
        count.setLong(1, minute);
        try (ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
