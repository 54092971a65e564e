package dev.meridian.ingest.otlp;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.meridian.storage.TelemetryWriter;

/**
 * The in-memory writer as the application's TelemetryWriter (primary over the JDBC one), for the tests that need
 * storage to be slow or broken on cue.
 */
@TestConfiguration(proxyBeanMethods = false)
class RecordingStorageConfiguration {

    @Bean
    @Primary
    RecordingTelemetryWriter recordingTelemetryWriter() {
        return new RecordingTelemetryWriter();
    }
}
