package dev.meridian.query.jdbc;

import dev.meridian.testing.TestStore;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The storage contract on PostgreSQL, when a database is named by the system property
 * {@value TestStore#POSTGRES_URL} or the environment variable {@code MERIDIAN_TEST_POSTGRES_URL}, e.g.
 * {@code jdbc:postgresql://localhost:5432/meridian?user=postgres&password=…} ({@code .ci/run} sets one up).
 */
@EnabledIf("postgresConfigured")
class PostgresStorageContractTest extends StorageContractTest {

    static boolean postgresConfigured() {
        return url() != null;
    }

    private static String url() {
        return TestStore.postgresUrl();
    }

    @Override
    TestStore openStore() {
        return TestStore.postgres(url());
    }
}
