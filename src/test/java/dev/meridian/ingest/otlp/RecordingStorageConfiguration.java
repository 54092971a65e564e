package dev.meridian.ingest.otlp;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.meridian.storage.TelemetryWriter;

/** Until the storage branch's JDBC writer is merged: the in-memory writer as the application's TelemetryWriter. */
@TestConfiguration(proxyBeanMethods = false)
class RecordingStorageConfiguration {

    @Bean
    RecordingTelemetryWriter recordingTelemetryWriter() {
        return new RecordingTelemetryWriter();
    }
}
