package dev.meridian.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dialect of the configured database and the shared dictionary caches. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    SqlDialect sqlDialect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return SqlDialect.of(connection);
        }
    }

    @Bean
    Dictionaries dictionaries(DataSource dataSource, SqlDialect dialect) {
        return new Dictionaries(dataSource, dialect);
    }
}
