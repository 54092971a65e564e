/**
 * From decoded telemetry to storage: the bounded {@link dev.meridian.ingest.IngestPipeline} between the
 * receivers and the one writer thread, backpressure (items queued, bytes in flight) and the ingest
 * self-metrics. Receivers acknowledge a batch only after the writer's commit. No protobuf here: the OTLP
 * wire formats stop in {@code ingest.otlp}.
 */
package dev.meridian.ingest;
