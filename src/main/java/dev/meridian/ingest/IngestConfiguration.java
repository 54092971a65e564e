package dev.meridian.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.meridian.config.IngestLogProperties;
import dev.meridian.config.OtlpProperties;
import dev.meridian.config.StorageProperties;
import dev.meridian.ingest.wal.WalSettings;
import dev.meridian.ingest.wal.WriteAheadLog;
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
     * export is answered "unavailable" rather than acknowledged without being stored. The write-ahead log needs
     * a {@link LogEntryDecoder} of the receivers' entries to replay it.
     */
    @Bean
    IngestPipeline ingestPipeline(ObjectProvider<TelemetryWriter> writer, ObjectProvider<LogEntryDecoder> decoder,
                                  OtlpProperties properties, IngestLogProperties logProperties,
                                  StorageProperties storage, IngestStats stats) {
        TelemetryWriter store = writer.getIfUnique(() -> batch -> {
            throw new IllegalStateException("no TelemetryWriter is configured");
        });
        LogEntryDecoder entries = decoder.getIfUnique();
        IngestLog log = null;
        if (logProperties.enabled() && entries != null && writer.getIfUnique() != null) {
            try {
                WriteAheadLog wal = WriteAheadLog.open(storage.dataDir().resolve("ingest-log"),
                        new WalSettings(logProperties.segmentSize().toBytes(), java.time.Duration.ZERO));
                log = new IngestLog(wal, entries, logProperties.syncInterval(), logProperties.syncSize().toBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the write-ahead log in " + storage.dataDir(), e);
            }
        }
        return new IngestPipeline(store, log, properties.queueCapacity(), properties.maxWriteItems(),
                properties.retryAfter(), stats);
    }
}
