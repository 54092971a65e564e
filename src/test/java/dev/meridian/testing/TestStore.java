package dev.meridian.testing;

import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.DictionaryLimits;
import dev.meridian.storage.jdbc.JdbcTelemetryWriter;
import dev.meridian.storage.jdbc.SqlDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * A migrated database with the writer and dictionaries wired as in the application: an H2 file in a
 * directory, or, with {@link #postgres(String)}, a fresh schema in a PostgreSQL database.
 */
public final class TestStore implements AutoCloseable {

    public static final List<String> INDEXED = List.of("http.route", "http.request.method", "order.id");

    public final HikariDataSource dataSource;
    public final SqlDialect dialect;
    public final Dictionaries dictionaries;
    public final JdbcTelemetryWriter writer;

    public TestStore(Path dir) {
        this(dir, "CACHE_SIZE=65536");
    }

    public TestStore(Path dir, String settings) {
        this(dir, settings, System::currentTimeMillis);
    }

    /** An H2 file store whose writer keys spans by {@code arrivalClockMillis}, to replay history (benchmarks). */
    public TestStore(Path dir, String settings, java.util.function.LongSupplier arrivalClockMillis) {
        this("jdbc:h2:file:" + dir.resolve("meridian").toAbsolutePath() + ";" + settings, "sa", null,
                DictionaryLimits.DEFAULTS, arrivalClockMillis);
    }

    /** An H2 file store with these dictionary limits, whose writer's clock is {@code clockMillis}. */
    public TestStore(Path dir, DictionaryLimits limits, java.util.function.LongSupplier clockMillis) {
        this("jdbc:h2:file:" + dir.resolve("meridian").toAbsolutePath() + ";CACHE_SIZE=65536", "sa", null, limits, clockMillis);
    }

    /** The system property naming a PostgreSQL JDBC URL (user and password in it) for the PostgreSQL runs of the contract. */
    public static final String POSTGRES_URL = "meridian.test.postgres-url";

    /**
     * The PostgreSQL database the tests may use, named by the system property {@value #POSTGRES_URL} or the
     * environment variable {@code MERIDIAN_TEST_POSTGRES_URL}; null when neither is set.
     */
    public static String postgresUrl() {
        String url = System.getProperty(POSTGRES_URL, System.getenv("MERIDIAN_TEST_POSTGRES_URL"));
        return url == null || url.isBlank() ? null : url;
    }

    /** A new schema in the PostgreSQL database at {@code url}. */
    public static TestStore postgres(String url) {
        String schema = "test_" + java.util.UUID.randomUUID().toString().replace("-", "");
        return new TestStore(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, schema,
                DictionaryLimits.DEFAULTS, System::currentTimeMillis);
    }

    private TestStore(String url, String user, String schema, DictionaryLimits limits,
                      java.util.function.LongSupplier arrivalClockMillis) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        if (user != null) {
            dataSource.setUsername(user);
        }
        dataSource.setMaximumPoolSize(4);
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").javaMigrations(dev.meridian.storage.jdbc.JavaMigrations.all());
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        dialect = dialect(dataSource);
        dictionaries = new Dictionaries(dataSource, dialect, limits);
        writer = new JdbcTelemetryWriter(dataSource, dictionaries, INDEXED, arrivalClockMillis);
    }

    private static SqlDialect dialect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return SqlDialect.of(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The postings of the attribute side index (its rows pack many). */
    public long attributePostings() {
        long[] count = {0};
        new org.springframework.jdbc.core.JdbcTemplate(dataSource).query("SELECT first_key, postings FROM attribute_postings",
                rs -> {
                    dev.meridian.storage.jdbc.AttributePostings.decode(rs.getBytes(2), rs.getLong(1), null, p -> count[0]++);
                });
        return count[0];
    }

    /** Rows of {@code table}; {@code "spans"} counts the spans of every run. */
    public long count(String table) {
        String sql = table.equals("spans") ? "SELECT COALESCE(SUM(span_count), 0) FROM span_runs" : "SELECT COUNT(*) FROM " + table;
        try (Connection c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
