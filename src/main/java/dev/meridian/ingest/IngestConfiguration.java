package dev.meridian.ingest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.meridian.config.OtlpProperties;
import dev.meridian.storage.TelemetryWriter;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    IngestStats ingestStats() {
        return new IngestStats();
    }

    @Bean
    InflightBytes inflightBytes(OtlpProperties properties) {
        return new InflightBytes(properties.maxInflightBytes().toBytes());
    }

    /**
     * Without a {@link TelemetryWriter} bean (storage not configured) the application still starts, and every
     * export is answered "unavailable" rather than acknowledged without being stored.
     */
    @Bean
    IngestPipeline ingestPipeline(ObjectProvider<TelemetryWriter> writer, OtlpProperties properties, IngestStats stats) {
        TelemetryWriter store = writer.getIfUnique(() -> batch -> {
            throw new IllegalStateException("no TelemetryWriter is configured");
        });
        return new IngestPipeline(store, properties.queueCapacity(), properties.maxWriteItems(), properties.retryAfter(), stats);
    }
}
