/**
 * The JDBC implementations of the query interfaces, over the schema that {@code storage.jdbc} writes:
 * RED from rollups, trace search and detail, logs, metrics.
 */
package dev.meridian.query.jdbc;
