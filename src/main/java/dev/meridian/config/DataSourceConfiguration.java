package dev.meridian.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two connection pools on the one database ({@code spring.datasource.url}): readers can never take the
 * connections that ingest needs.
 * <ul>
 * <li>the primary pool ({@code spring.datasource.hikari.*}, as Spring Boot would build it): the ingest writer,
 *     the dictionaries it fills, the rollup compactor, retention, dashboards and Flyway;</li>
 * <li>the {@value #READERS} pool ({@code meridian.query.pool-size} connections, read-only): every query of the
 *     API and the UI. A query that cannot get one of its connections within {@code meridian.query.timeout}
 *     fails rather than queue for ever.</li>
 * </ul>
 * With the embedded H2, both pools open the same file in this JVM and share one database (MVCC: reads never
 * block the writer's rows); with PostgreSQL they are simply two pools.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    /** The qualifier of the readers' pool. */
    static final String READERS = "queryDataSource";

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    /** Not a default candidate: whatever asks for "the" DataSource gets the primary pool. */
    @Bean(name = READERS, defaultCandidate = false)
    @Qualifier(READERS)
    HikariDataSource queryDataSource(DataSourceProperties properties, QueryProperties query) {
        HikariDataSource readers = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        readers.setPoolName("meridian-queries");
        readers.setMaximumPoolSize(query.poolSize());
        readers.setMinimumIdle(1);
        readers.setReadOnly(true);
        readers.setConnectionTimeout(Math.max(250, query.timeout().toMillis()));
        return readers;
    }
}
