package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The writer's view of a dictionary table keyed by a content hash (resources, metric series): which ids are
 * stored, how many, when each was last used, and the limit. The caller upserts a new entry's row itself; this
 * class decides whether it may ({@link #admit}) and keeps the bookkeeping in step with the transaction.
 * Writer thread only, except {@link #overflowed()}.
 */
final class HashedEntries {

    private final String table;
    private final int limit;
    private final Set<Long> known = new HashSet<>();
    private final Set<Long> pending = new HashSet<>();
    private final LastSeen lastSeen;
    private final Overflow overflow;
    private int storedCount = -1;

    /** Table and column names are constants of the caller. */
    HashedEntries(String table, String idColumn, int limit) {
        this.table = table;
        this.limit = limit;
        this.lastSeen = new LastSeen(table, idColumn);
        this.overflow = new Overflow(table, limit);
    }

    enum Admission { KNOWN, NEW, OVERFLOW }

    /**
     * Whether {@code id} is stored ({@link Admission#KNOWN}), new and within the limit ({@link Admission#NEW}:
     * the caller must upsert its row now), or new beyond the limit ({@link Admission#OVERFLOW}: counted; the
     * caller uses its overflow entry instead). Known and new ids are marked used at {@code nowNanos}.
     */
    Admission admit(Connection connection, long id, long nowNanos, Object example) throws SQLException {
        Admission admission;
        if (known.contains(id) || pending.contains(id)) {
            admission = Admission.KNOWN;
        } else if (count(connection) < limit) {
            pending.add(id);
            admission = Admission.NEW;
        } else {
            overflow.add(example);
            return Admission.OVERFLOW;
        }
        lastSeen.touch(id, nowNanos);
        return admission;
    }

    /** An entry the caller stores whatever the limit (its overflow entry). */
    void admitAlways(long id, long nowNanos) {
        if (!known.contains(id)) {
            pending.add(id);
        }
        lastSeen.touch(id, nowNanos);
    }

    /** Stored rows, pending ones included (an upsert of a row stored before this process counts twice: harmless). */
    private int count(Connection connection) throws SQLException {
        if (storedCount < 0) {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                storedCount = rs.getInt(1);
            }
        }
        return storedCount + pending.size();
    }

    long overflowed() {
        return overflow.count();
    }

    void flush(Connection connection) throws SQLException {
        lastSeen.flush(connection);
    }

    void commit() {
        known.addAll(pending);
        if (storedCount >= 0) {
            storedCount += pending.size();
        }
        pending.clear();
        lastSeen.commit();
    }

    void rollback() {
        pending.clear();
        storedCount = -1;
        lastSeen.rollback();
    }

    /** Deletes entries last used before {@code cutoffNanos} (see {@link LastSeen#deleteUnseenBefore}). */
    List<Long> forgetUnseenBefore(Connection connection, long cutoffNanos, long nowNanos) throws SQLException {
        return lastSeen.deleteUnseenBefore(connection, cutoffNanos, nowNanos);
    }

    void forget(List<Long> ids) {
        ids.forEach(known::remove);
        lastSeen.forget(ids);
        storedCount = -1;
    }
}
