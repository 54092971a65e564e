package dev.meridian.query.jdbc;

import dev.meridian.testing.TestStore;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@link QueryLimitsTest} on PostgreSQL, when one is configured as for {@link PostgresStorageContractTest}. */
@EnabledIf("dev.meridian.query.jdbc.PostgresStorageContractTest#postgresConfigured")
class PostgresQueryLimitsTest extends QueryLimitsTest {

    @Override
    TestStore openStore() {
        return TestStore.postgres(System.getProperty(TestStore.POSTGRES_URL, System.getenv("MERIDIAN_TEST_POSTGRES_URL")));
    }
}
