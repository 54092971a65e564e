/**
 * A Jaeger-compatible query API at {@code /jaeger/api}, so that Grafana's Jaeger data source and other Jaeger clients
 * read Meridian: services, operations, trace search and traces by id in Jaeger's JSON model.
 */
package dev.meridian.api.jaeger;
