package dev.meridian.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.meridian.testing.TestStore;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIf;

/** Migration 21 on PostgreSQL, in a fresh schema, when a database is named as for {@code PostgresStorageContractTest}. */
@EnabledIf("postgresConfigured")
class PostgresSpansToRunsTest extends SpansToRunsTest {

    static boolean postgresConfigured() {
        return url() != null;
    }

    private static String url() {
        return TestStore.postgresUrl();
    }

    @Override
    HikariDataSource openDatabase() {
        schema = "test_" + UUID.randomUUID().toString().replace("-", "");
        HikariDataSource postgres = new HikariDataSource();
        postgres.setJdbcUrl(url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema);
        postgres.setMaximumPoolSize(4);
        return postgres;
    }
}
