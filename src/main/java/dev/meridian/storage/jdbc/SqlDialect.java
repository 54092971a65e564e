package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The SQL that differs between H2 and PostgreSQL, in one place. */
public enum SqlDialect {
    H2 {
        /**
         * H2 writes commits to its file in the background, up to WRITE_DELAY later, and never fsyncs them on its
         * own. CHECKPOINT only writes the store (Database.checkpoint -> Store.flush); CHECKPOINT SYNC writes and
         * fsyncs (Database.sync -> Store.sync -> FileStore.sync), which is what survives an OS crash.
         */
        @Override
        public String durableCommit() {
            return "CHECKPOINT SYNC";
        }

        @Override
        public String upsert(String table, List<String> keyColumns, List<String> valueColumns) {
            List<String> all = concat(keyColumns, valueColumns);
            return "MERGE INTO " + table + " (" + String.join(", ", all) + ") KEY (" + String.join(", ", keyColumns)
                    + ") VALUES (" + placeholders(all.size()) + ")";
        }
    },
    POSTGRESQL {
        @Override
        public String upsert(String table, List<String> keyColumns, List<String> valueColumns) {
            List<String> all = concat(keyColumns, valueColumns);
            return "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES (" + placeholders(all.size())
                    + ") ON CONFLICT (" + String.join(", ", keyColumns) + ") DO UPDATE SET "
                    + valueColumns.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        }
    };

    /**
     * The statement that makes what was just committed survive a crash, or {@code null} when a commit
     * already does (PostgreSQL syncs its WAL on commit).
     */
    public String durableCommit() {
        return null;
    }

    /**
     * An insert-or-replace of one row by its key; parameters are the key columns, then the value columns.
     * Table and column names must be constants of the caller, never user text.
     */
    public abstract String upsert(String table, List<String> keyColumns, List<String> valueColumns);

    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("unsupported database: " + product + " (H2 and PostgreSQL are)");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
