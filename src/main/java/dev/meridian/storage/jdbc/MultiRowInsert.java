package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts rows as JDBC batches of multi-row {@code INSERT ... VALUES (...), (...), ...} statements.
 *
 * <p>Why: H2 runs every entry of a JDBC batch as a statement of its own (statement start and end, a snapshot,
 * the transaction's map handles, an undo-log bookmark), which was about a fifth of the ingest writer's time; a
 * statement of {@value #DEFAULT_ROWS} rows pays that once. PostgreSQL's driver makes the same rewrite itself
 * with {@code reWriteBatchedInserts=true}; the SQL is common. Rows that do not fill a statement go into a JDBC
 * batch of the single-row statement. Not thread-safe; one instance per table and transaction.
 */
final class MultiRowInsert implements AutoCloseable {

    static final int DEFAULT_ROWS = 64;

    /** Binds one row's values, its first parameter at {@code offset + 1}. */
    @FunctionalInterface
    interface RowBinder {
        void bind(PreparedStatement statement, int offset) throws SQLException;
    }

    private final Connection connection;
    private final String singleRowSql;
    private final String multiRowSql;
    private final int columns;
    private final int rowsPerStatement;
    private final List<RowBinder> pending = new ArrayList<>();
    private PreparedStatement multiRow;
    private int batchedStatements;
    private long rows;

    /**
     * @param insertPrefix {@code INSERT INTO table (c1, c2, ...)}, without {@code VALUES}
     * @param columns      how many parameters one row binds
     */
    MultiRowInsert(Connection connection, String insertPrefix, int columns, int rowsPerStatement) {
        if (columns <= 0 || rowsPerStatement <= 0) {
            throw new IllegalArgumentException("columns and rows per statement must be positive");
        }
        this.connection = connection;
        this.columns = columns;
        this.rowsPerStatement = rowsPerStatement;
        String tuple = "(" + "?, ".repeat(columns - 1) + "?)";
        this.singleRowSql = insertPrefix + " VALUES " + tuple;
        this.multiRowSql = insertPrefix + " VALUES " + String.join(", ", java.util.Collections.nCopies(rowsPerStatement, tuple));
    }

    MultiRowInsert(Connection connection, String insertPrefix, int columns) {
        this(connection, insertPrefix, columns, DEFAULT_ROWS);
    }

    void add(RowBinder row) throws SQLException {
        pending.add(row);
        rows++;
        if (pending.size() == rowsPerStatement) {
            if (multiRow == null) {
                multiRow = connection.prepareStatement(multiRowSql);
            }
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).bind(multiRow, i * columns);
            }
            multiRow.addBatch();
            batchedStatements++;
            pending.clear();
        }
    }

    /** Rows added so far. */
    long rows() {
        return rows;
    }

    /** Executes everything added; the instance can take more rows afterwards. */
    void execute() throws SQLException {
        if (batchedStatements > 0) {
            multiRow.executeBatch();
            batchedStatements = 0;
        }
        if (!pending.isEmpty()) {
            try (PreparedStatement single = connection.prepareStatement(singleRowSql)) {
                for (RowBinder row : pending) {
                    row.bind(single, 0);
                    single.addBatch();
                }
                single.executeBatch();
            }
            pending.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        if (multiRow != null) {
            multiRow.close();
        }
    }

    @Override
    public String toString() {
        return singleRowSql;
    }
}
