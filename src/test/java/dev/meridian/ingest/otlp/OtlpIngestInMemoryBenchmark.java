package dev.meridian.ingest.otlp;

import org.springframework.context.annotation.Import;

/** {@link OtlpIngestBenchmark} with the in-memory writer: what the receivers and the pipeline manage without a database. */
@Import(RecordingStorageConfiguration.class)
class OtlpIngestInMemoryBenchmark extends OtlpIngestBenchmark {
}
