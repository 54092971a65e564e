/**
 * Benchmarks: programs with a {@code main} that measure and print numbers. None is a test (no name ends in
 * {@code Test} or {@code IT}), so {@code ./mvnw verify} compiles them and never runs them.
 * <ul>
 * <li>{@link dev.meridian.bench.StorageBenchmark}: the JDBC writer and the queries, in process.</li>
 * <li>{@link dev.meridian.bench.OtlpLoadGenerator}: OTLP/HTTP load as a fleet of OpenTelemetry SDKs sends it,
 * against any OTLP/HTTP endpoint (Meridian, a Collector, {@link dev.meridian.bench.DecodeOnlyReceiver}).</li>
 * <li>{@link dev.meridian.bench.DecodeOnlyReceiver}: Meridian's OTLP/HTTP receiver without ingest: read, decode,
 * map, answer.</li>
 * </ul>
 * Run them with {@code bench/ingest.sh} (see its header).
 */
package dev.meridian.bench;
