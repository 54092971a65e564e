package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the writer last used each entry of one dictionary table ({@code last_seen_ns}), so that retention can
 * forget the entries no stored row needs any more. The column is written at most once per
 * {@link #PRECISION_NANOS} per entry: a busy entry costs one update an hour, not one per row. Writer thread only,
 * inside its transaction: {@link #flush} writes what this transaction touched, {@link #commit} remembers it,
 * {@link #rollback} forgets it.
 */
final class LastSeen {

    /** How stale the stored time may be: cleanup adds this to its margin. */
    static final long PRECISION_NANOS = 3_600_000_000_000L;

    private final String table;
    private final String idColumn;
    private final Map<Long, Long> stored = new ConcurrentHashMap<>();
    private final Map<Long, Long> pending = new HashMap<>();

    /** Table and column names are constants of the caller. */
    LastSeen(String table, String idColumn) {
        this.table = table;
        this.idColumn = idColumn;
    }

    /** Records a use of {@code id} at {@code nowNanos}; a new entry is touched right after its insert. */
    void touch(long id, long nowNanos) {
        Long last = stored.get(id);
        if (last == null || nowNanos - last >= PRECISION_NANOS) {
            pending.putIfAbsent(id, nowNanos);
        }
    }

    /** Writes the times of the entries this transaction used and whose stored time is stale. */
    void flush(Connection connection) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        int updates = 0;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET last_seen_ns = ? WHERE " + idColumn + " = ?")) {
            for (Map.Entry<Long, Long> entry : pending.entrySet()) {
                update.setLong(1, entry.getValue());
                update.setLong(2, entry.getKey());
                update.addBatch();
                updates++;
            }
            if (updates > 0) {
                update.executeBatch();
            }
        }
    }

    void commit() {
        stored.putAll(pending);
        pending.clear();
    }

    void rollback() {
        pending.clear();
    }

    /**
     * Deletes the entries of this table last used before {@code cutoffNanos}, in the caller's transaction, and
     * returns their ids; entries without a time (stored before times were kept) get {@code nowNanos} first, so
     * they wait a whole period. Writer thread only: the writer must not use an entry while it is deleted.
     */
    List<Long> deleteUnseenBefore(Connection connection, long cutoffNanos, long nowNanos) throws SQLException {
        try (PreparedStatement stamp = connection.prepareStatement(
                "UPDATE " + table + " SET last_seen_ns = ? WHERE last_seen_ns IS NULL")) {
            stamp.setLong(1, nowNanos);
            stamp.executeUpdate();
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + idColumn + " FROM " + table + " WHERE last_seen_ns < ?")) {
            select.setLong(1, cutoffNanos);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (!ids.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE last_seen_ns < ?")) {
                delete.setLong(1, cutoffNanos);
                delete.executeUpdate();
            }
        }
        return ids;
    }

    /** Forgets entries that retention deleted. */
    void forget(Collection<Long> ids) {
        ids.forEach(stored::remove);
    }
}
