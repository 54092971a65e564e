/**
 * The OTLP receivers: OTLP/HTTP ({@code POST /v1/traces|metrics|logs}, protobuf and JSON, gzip) and OTLP/gRPC
 * (TraceService, MetricsService, LogsService), and the mappers from OTLP protobuf and OTLP/JSON to the
 * {@code telemetry} records. Protobuf stops here: nothing outside this package imports protobuf classes.
 *
 * <p>Both receivers face untrusted networks: request memory is charged to one in-flight byte budget as bytes
 * arrive ({@code RequestBytes}), connections have read, idle and age limits, and optional bearer tokens
 * ({@code BearerTokens}) guard both. OTLP/HTTP runs on its own embedded Tomcat, apart from the UI's server.
 */
package dev.meridian.ingest.otlp;
