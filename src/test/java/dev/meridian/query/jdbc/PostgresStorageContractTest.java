package dev.meridian.query.jdbc;

import dev.meridian.testing.TestStore;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The storage contract on PostgreSQL, when {@value TestStore#POSTGRES_URL} names a database, e.g.
 * {@code -Dmeridian.test.postgres-url=jdbc:postgresql://localhost:5432/meridian?user=postgres}.
 */
@EnabledIfSystemProperty(named = TestStore.POSTGRES_URL, matches = ".+")
class PostgresStorageContractTest extends StorageContractTest {

    @Override
    TestStore openStore() {
        return TestStore.postgres(System.getProperty(TestStore.POSTGRES_URL));
    }
}
