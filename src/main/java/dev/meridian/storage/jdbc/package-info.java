/**
 * The one JDBC implementation of storage, for H2 (default) and PostgreSQL. Schema: Flyway migrations
 * in {@code db/migration}. Dialect differences live in {@link dev.meridian.storage.jdbc.SqlDialect};
 * the binary "detail" columns are laid out by {@link dev.meridian.storage.jdbc.DetailCodec}.
 */
package dev.meridian.storage.jdbc;
