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

    /**
     * Merges the batch's cells into the stored rows; returns how many calls were dropped by the edge cap. One
     * read per minute of the batch (every edge of that minute: at most {@link #MAX_EDGES_PER_MINUTE}, and only the
     * batch's own are decoded), one batched upsert.
     */
    long merge(Connection connection, SqlDialect dialect) throws SQLException {
        if (cells.isEmpty()) {
            return 0;
        }
        Map<Long, Map<Key, Cell>> byMinute = new HashMap<>();
        cells.forEach((key, cell) -> byMinute.computeIfAbsent(key.minute(), m -> new HashMap<>()).put(key, cell));
        long droppedCalls = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT source_service_id, target_service_id,"
                + " call_count, error_count, histogram FROM edge_rollup WHERE bucket_minute = ?");
             PreparedStatement upsert = connection.prepareStatement(
                     dialect.upsert("edge_rollup", RollupRows.EDGE_KEYS, RollupRows.EDGE_VALUES))) {
            for (Map.Entry<Long, Map<Key, Cell>> minute : byMinute.entrySet()) {
                Map<Key, Cell> batch = minute.getValue();
                long edges = 0;
                java.util.Set<Key> stored = new java.util.HashSet<>();
                select.setLong(1, minute.getKey());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        edges++;
                        Key key = new Key(rs.getInt(1), rs.getInt(2), minute.getKey());
                        Cell cell = batch.get(key);
                        if (cell != null) {
                            stored.add(key);
                            cell.calls += rs.getLong(3);
                            cell.errors += rs.getLong(4);
                            cell.histogram.add(HistogramCodec.decode(rs.getBytes(5)));
                        }
                    }
                }
                for (Map.Entry<Key, Cell> entry : batch.entrySet()) {
                    Key key = entry.getKey();
                    Cell cell = entry.getValue();
                    if (!stored.contains(key)) {
                        if (edges >= MAX_EDGES_PER_MINUTE) {
                            droppedCalls += cell.calls;
                            continue;
                        }
                        edges++;
                    }
                    RollupRows.bindEdge(upsert, key.sourceServiceId(), key.targetServiceId(), key.minute(), cell.calls,
                            cell.errors, cell.histogram);
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
        return droppedCalls;
    }
}
