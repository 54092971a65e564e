package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
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
 */
public final class NameDictionary {

    private final String table;
    private final String idColumn;
    private final String nameColumn;
    private final int maxLength;
    private final JdbcTemplate jdbc;
    private final Map<String, Integer> idsByName = new ConcurrentHashMap<>();
    private final Map<Integer, String> namesById = new ConcurrentHashMap<>();
    private final Map<String, Integer> pending = new HashMap<>();
    private int nextId = -1;

    /** Table and column names are constants of the caller. */
    NameDictionary(DataSource dataSource, String table, String idColumn, String nameColumn, int maxLength) {
        this.maxLength = maxLength;
        this.table = table;
        this.idColumn = idColumn;
        this.nameColumn = nameColumn;
        this.jdbc = new JdbcTemplate(dataSource);
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
        jdbc.query("SELECT " + idColumn + ", " + nameColumn + " FROM " + table,
                rs -> {
                    remember(rs.getInt(1), rs.getString(2));
                });
        return Map.copyOf(namesById);
    }

    /** The id of the name, inserting it in the writer's transaction when it is new. Writer thread only. */
    int idForWrite(Connection connection, String name) throws SQLException {
        name = InsertSpans.truncate(name, maxLength);
        Integer id = idsByName.get(name);
        if (id == null) {
            id = pending.get(name);
        }
        if (id == null) {
            id = load(connection, name);
            if (id == null) {
                if (nextId < 0) {
                    try (PreparedStatement max = connection.prepareStatement("SELECT MAX(" + idColumn + ") FROM " + table);
                         ResultSet rs = max.executeQuery()) {
                        rs.next();
                        nextId = rs.getInt(1) + 1;
                    }
                }
                id = nextId++;
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + table + " (" + idColumn + ", " + nameColumn + ") VALUES (?, ?)")) {
                    insert.setInt(1, id);
                    insert.setString(2, name);
                    insert.executeUpdate();
                }
                pending.put(name, id);
            } else {
                remember(id, name);
            }
        }
        return id;
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

    void commit() {
        pending.forEach((name, id) -> remember(id, name));
        pending.clear();
    }

    void rollback() {
        pending.clear();
        nextId = -1;
    }

    private void remember(int id, String name) {
        idsByName.put(name, id);
        namesById.put(id, name);
    }
}
