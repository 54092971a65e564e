package dev.meridian.config;

import dev.meridian.query.jdbc.JdbcCompareQueries;
import dev.meridian.query.jdbc.JdbcLogQueries;
import dev.meridian.query.jdbc.JdbcMetricQueries;
import dev.meridian.query.jdbc.JdbcResourceAttributeValues;
import dev.meridian.query.jdbc.JdbcServiceMapQueries;
import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.query.jdbc.JdbcTraceQueries;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.DictionaryLimits;
import dev.meridian.storage.jdbc.JavaMigrations;
import dev.meridian.storage.jdbc.JdbcTelemetryWriter;
import dev.meridian.storage.jdbc.PostingsCompactor;
import dev.meridian.storage.jdbc.TraceIndexCompactor;
import dev.meridian.storage.jdbc.SqlDialect;
import dev.meridian.storage.retention.RetentionJob;
import dev.meridian.storage.retention.RetentionPolicy;
import dev.meridian.storage.rollup.RollupCompactor;
import dev.meridian.storage.rollup.RollupSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Storage wiring: the JDBC writer, the query implementations over the same database, the rollup
 * compactor and the retention job. The schema is migrated by Flyway (Spring Boot's auto-configuration)
 * at startup, before anything is written or read. The writer side (writer, dictionaries, compactor,
 * retention) uses the primary pool, the queries the readers' pool with the limits of
 * {@link QueryProperties} (see {@link DataSourceConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /** The migrations written in Java; Spring Boot's Flyway auto-configuration runs them with the SQL ones. */
    @Bean
    FlywayConfigurationCustomizer javaMigrations() {
        return flyway -> flyway.javaMigrations(JavaMigrations.all());
    }

    @Bean
    SqlDialect sqlDialect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return SqlDialect.of(connection);
        }
    }

    /**
     * On the writer's pool: the writer looks dictionaries up (and trains compression dictionaries) while it holds
     * its own connection, so they must never wait behind queries. Readers' lookups there are single-row and cached.
     */
    @Bean
    Dictionaries dictionaries(DataSource dataSource, SqlDialect dialect, StorageProperties properties) {
        StorageProperties.Limits l = properties.storage().limits();
        return new Dictionaries(dataSource, dialect, new DictionaryLimits(l.maxServices(), l.maxSpanNames(), l.maxResources(),
                l.maxMetrics(), l.maxMetricSeries()));
    }

    @Bean
    JdbcTelemetryWriter telemetryWriter(DataSource dataSource, Dictionaries dictionaries, StorageProperties properties) {
        return new JdbcTelemetryWriter(dataSource, dictionaries, properties.storage().indexedAttributes());
    }

    @Bean
    JdbcTraceQueries traceQueries(@Qualifier(DataSourceConfiguration.READERS) DataSource readers, Dictionaries dictionaries,
                                  StorageProperties properties, QueryProperties query) {
        return new JdbcTraceQueries(readers, dictionaries, properties.storage().indexedAttributes(), query.limits());
    }

    @Bean
    JdbcServiceQueries serviceQueries(@Qualifier(DataSourceConfiguration.READERS) DataSource readers, Dictionaries dictionaries,
                                      QueryProperties query) {
        return new JdbcServiceQueries(readers, dictionaries, query.limits());
    }

    @Bean
    JdbcCompareQueries compareQueries(@Qualifier(DataSourceConfiguration.READERS) DataSource readers,
                                      Dictionaries dictionaries, JdbcServiceQueries serviceQueries, QueryProperties query) {
        return new JdbcCompareQueries(readers, dictionaries, serviceQueries, query.limits());
    }

    @Bean
    JdbcServiceMapQueries serviceMapQueries(@Qualifier(DataSourceConfiguration.READERS) DataSource readers,
                                            Dictionaries dictionaries, JdbcServiceQueries services, QueryProperties query) {
        return new JdbcServiceMapQueries(readers, dictionaries, services, query.limits());
    }

    @Bean
    JdbcLogQueries logQueries(@Qualifier(DataSourceConfiguration.READERS) DataSource readers, Dictionaries dictionaries,
                              QueryProperties query) {
        return new JdbcLogQueries(readers, dictionaries, query.limits());
    }

    @Bean
    JdbcMetricQueries metricQueries(@Qualifier(DataSourceConfiguration.READERS) DataSource readers, Dictionaries dictionaries,
                                    QueryProperties query) {
        return new JdbcMetricQueries(readers, dictionaries, query.limits());
    }

    @Bean
    JdbcResourceAttributeValues resourceAttributeValues(@Qualifier(DataSourceConfiguration.READERS) DataSource readers,
                                                        QueryProperties query) {
        return new JdbcResourceAttributeValues(readers, query.limits());
    }

    @Bean
    RetentionJob retentionJob(DataSource dataSource, Clock clock, StorageProperties properties, JdbcTelemetryWriter writer) {
        StorageProperties.Retention r = properties.retention();
        return new RetentionJob(dataSource, clock, new RetentionPolicy(r.maxAge(), r.interval(), r.batchRows(), r.timeBudget()),
                writer);
    }

    @Bean
    PostingsCompactor postingsCompactor(DataSource dataSource, Clock clock) {
        return new PostingsCompactor(dataSource, clock);
    }

    @Bean
    TraceIndexCompactor traceIndexCompactor(DataSource dataSource, Clock clock) {
        return new TraceIndexCompactor(dataSource, clock);
    }

    @Bean
    RollupCompactor rollupCompactor(DataSource dataSource, SqlDialect dialect, Clock clock, StorageProperties properties) {
        StorageProperties.Rollup r = properties.rollup();
        return new RollupCompactor(dataSource, dialect, clock, new RollupSettings(r.lateness(), r.recheck(), r.interval()));
    }
}
