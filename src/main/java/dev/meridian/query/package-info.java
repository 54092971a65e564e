/**
 * What views and the API ask of stored telemetry: services and operations (RED from rollups),
 * trace search and trace detail, logs, metrics. Read-only; every time window is a
 * {@link dev.meridian.telemetry.TimeRange}.
 */
package dev.meridian.query;
