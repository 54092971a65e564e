/**
 * The OTLP receivers: OTLP/HTTP ({@code POST /v1/traces|metrics|logs}, protobuf and JSON, gzip) and OTLP/gRPC
 * (TraceService, MetricsService, LogsService), and the mappers from OTLP protobuf and OTLP/JSON to the
 * {@code telemetry} records. Protobuf stops here: nothing outside this package imports protobuf classes.
 */
package dev.meridian.ingest.otlp;
