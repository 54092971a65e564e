package dev.meridian.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MultiRowInsertTest {

    private static Connection table() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:");
        connection.createStatement().execute("CREATE TABLE t (k BIGINT PRIMARY KEY, v VARCHAR(10))");
        return connection;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 5, 9, 13})
    void storesEveryRowOnceWhateverTheRemainder(int count) throws SQLException {
        try (Connection connection = table();
             MultiRowInsert insert = new MultiRowInsert(connection, "INSERT INTO t (k, v)", 2, 4)) {
            for (int i = 0; i < count; i++) {
                long key = i;
                insert.add((statement, offset) -> {
                    statement.setLong(offset + 1, key);
                    statement.setString(offset + 2, "v" + key);
                });
            }
            insert.execute();
            assertThat(insert.rows()).isEqualTo(count);
            List<String> stored = new ArrayList<>();
            try (var rs = connection.createStatement().executeQuery("SELECT k, v FROM t ORDER BY k")) {
                while (rs.next()) {
                    stored.add(rs.getLong(1) + "=" + rs.getString(2));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add(i + "=v" + i);
            }
            assertThat(stored).isEqualTo(expected);
        }
    }

    @Test
    void aDuplicateKeyFailsTheExecuteWithTheDatabasesState() throws SQLException {
        try (Connection connection = table();
             MultiRowInsert insert = new MultiRowInsert(connection, "INSERT INTO t (k, v)", 2, 2)) {
            for (long key : new long[] {1, 2, 2}) {
                insert.add((statement, offset) -> {
                    statement.setLong(offset + 1, key);
                    statement.setString(offset + 2, "x");
                });
            }
            // the writer retries a batch whose row key collided: it needs the unique-violation state
            assertThatThrownBy(insert::execute).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }
}
