package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small dictionary table (id, name), cached in memory. Names longer than the column are truncated,
 * the same way for writes and lookups. Only the single writer thread adds names,
 * inside its transaction: new entries are pending until {@link #commit()} and forgotten on
 * {@link #rollback()}, so the cache never holds an id the database does not. Readers may call the
 * lookups from any thread.
 *
 * <p>The table holds at most {@code limit} names plus {@link #OVERFLOW}: a name beyond the limit is stored as
 * {@link #OVERFLOW} and counted ({@link #overflowed()}), so one client sending unbounded distinct names cannot
 * grow the table, its caches and every list of names without bound. Retention forgets names no row has used for
 * its whole period ({@link #forgetUnseenBefore}), which makes room again.
 *
 * <p>The writer resolves names through its own map, never through the readers' cache: a reader may put an id
 * back into its cache just as retention deletes it, and the writer must never write rows with such an id.
 */
public final class NameDictionary {

    /** What names beyond the limit are stored as. */
    public static final String OVERFLOW = "meridian.overflow";

    private final String table;
    private final String idColumn;
    private final String nameColumn;
    private final int maxLength;
    private final int limit;
    private final JdbcTemplate jdbc;
    private final Map<String, Integer> idsByName = new ConcurrentHashMap<>();
    private final Map<Integer, String> namesById = new ConcurrentHashMap<>();
    private final Map<String, Integer> writerIds = new HashMap<>();
    private final Map<String, Integer> pending = new HashMap<>();
    private final LastSeen lastSeen;
    private final Overflow overflow;
    private int nextId = -1;
    private int storedCount = -1;

    /** Table and column names are constants of the caller. */
    NameDictionary(DataSource dataSource, String table, String idColumn, String nameColumn, int maxLength, int limit) {
        this.maxLength = maxLength;
        this.table = table;
        this.idColumn = idColumn;
        this.nameColumn = nameColumn;
        this.limit = limit;
        this.jdbc = new JdbcTemplate(dataSource);
        this.lastSeen = new LastSeen(table, idColumn);
        this.overflow = new Overflow(table, limit);
    }

    /** The id of a stored name, if it is stored. */
    public Optional<Integer> find(String name) {
        name = InsertSpans.truncate(name, maxLength);
        Integer id = idsByName.get(name);
        if (id == null) {
            id = jdbc.query("SELECT " + idColumn + " FROM " + table + " WHERE " + nameColumn + " = ?",
                    rs -> rs.next() ? rs.getInt(1) : null, name);
            if (id != null) {
                remember(id, name);
            }
        }
        return Optional.ofNullable(id);
    }

    /** The name of an id read from a row; ids in rows always exist. */
    public String name(int id) {
        String name = namesById.get(id);
        if (name == null) {
            name = jdbc.query("SELECT " + nameColumn + " FROM " + table + " WHERE " + idColumn + " = ?",
                    rs -> rs.next() ? rs.getString(1) : null, id);
            if (name == null) {
                return "#" + id;
            }
            remember(id, name);
        }
        return name;
    }

    /** Every stored id and name. */
    public Map<Integer, String> all() {
        Map<Integer, String> all = new HashMap<>();
        jdbc.query("SELECT " + idColumn + ", " + nameColumn + " FROM " + table, rs -> {
            remember(rs.getInt(1), rs.getString(2));
            all.put(rs.getInt(1), rs.getString(2));
        });
        return Map.copyOf(all);
    }

    /** How many names were stored as {@link #OVERFLOW} because the table was full. */
    public long overflowed() {
        return overflow.count();
    }

    /** The most names the table holds (besides {@link #OVERFLOW}). */
    public int limit() {
        return limit;
    }

    /**
     * The id of the name, inserting it in the writer's transaction when it is new, or the id of {@link #OVERFLOW}
     * when the table is full. Writer thread only.
     */
    int idForWrite(Connection connection, String name, long nowNanos) throws SQLException {
        name = InsertSpans.truncate(name, maxLength);
        Integer id = writerIds.get(name);
        if (id == null) {
            id = pending.get(name);
        }
        if (id == null) {
            id = load(connection, name);
            if (id != null) {
                writerIds.put(name, id);
            } else if (!OVERFLOW.equals(name) && count(connection) >= limit) {
                overflow.add(name);
                return idForWrite(connection, OVERFLOW, nowNanos);
            } else {
                id = insert(connection, name);
            }
        }
        lastSeen.touch(id, nowNanos);
        return id;
    }

    private int insert(Connection connection, String name) throws SQLException {
        if (nextId < 0) {
            try (PreparedStatement max = connection.prepareStatement("SELECT MAX(" + idColumn + ") FROM " + table);
                 ResultSet rs = max.executeQuery()) {
                rs.next();
                nextId = rs.getInt(1) + 1;
            }
        }
        int id = nextId++;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (" + idColumn + ", " + nameColumn + ") VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        }
        pending.put(name, id);
        return id;
    }

    /** Stored names, pending ones included, {@link #OVERFLOW} not. */
    private int count(Connection connection) throws SQLException {
        if (storedCount < 0) {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM " + table + " WHERE " + nameColumn + " <> ?")) {
                count.setString(1, OVERFLOW);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    storedCount = rs.getInt(1);
                }
            }
        }
        return storedCount + pending.size();
    }

    private Integer load(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + idColumn + " FROM " + table + " WHERE " + nameColumn + " = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /** Writes the last-seen times of the names this transaction used (before its commit). */
    void flush(Connection connection) throws SQLException {
        lastSeen.flush(connection);
    }

    void commit() {
        pending.forEach((name, id) -> {
            writerIds.put(name, id);
            remember(id, name);
        });
        if (storedCount >= 0) {
            storedCount += (int) pending.keySet().stream().filter(name -> !OVERFLOW.equals(name)).count();
        }
        pending.clear();
        lastSeen.commit();
    }

    void rollback() {
        pending.clear();
        nextId = -1;
        storedCount = -1;
        lastSeen.rollback();
    }

    /** Deletes the names last used before {@code cutoffNanos} (see {@link LastSeen#deleteUnseenBefore}). */
    List<Integer> forgetUnseenBefore(Connection connection, long cutoffNanos, long nowNanos) throws SQLException {
        return lastSeen.deleteUnseenBefore(connection, cutoffNanos, nowNanos).stream().map(Long::intValue).toList();
    }

    /** Drops deleted names from every cache, after the deleting transaction committed. */
    void forget(List<Integer> ids) {
        for (Integer id : ids) {
            String name = namesById.remove(id);
            if (name != null) {
                idsByName.remove(name, id);
            }
        }
        java.util.Set<Integer> gone = new java.util.HashSet<>(ids);
        writerIds.values().removeAll(gone);
        idsByName.values().removeAll(gone);
        lastSeen.forget(ids.stream().map(Integer::longValue).toList());
        storedCount = -1;
    }

    private void remember(int id, String name) {
        idsByName.put(name, id);
        namesById.put(id, name);
    }
}
