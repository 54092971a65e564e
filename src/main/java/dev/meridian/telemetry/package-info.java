/**
 * The telemetry data model as plain records: no Spring, no protobuf. Everything OTLP carries is
 * representable here, so nothing is lost between the receivers and storage. All times are epoch
 * nanoseconds; a {@link dev.meridian.telemetry.TimeRange} is half-open {@code [start, end)}.
 */
package dev.meridian.telemetry;
