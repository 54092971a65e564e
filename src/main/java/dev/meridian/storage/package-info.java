/**
 * Storage role interfaces, split by signal, each with its contract in Javadoc. The one implementation
 * is JDBC ({@code storage.jdbc}), for H2 (default) and PostgreSQL.
 */
package dev.meridian.storage;
