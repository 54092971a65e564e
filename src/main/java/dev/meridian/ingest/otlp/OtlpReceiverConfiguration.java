package dev.meridian.ingest.otlp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.meridian.config.OtlpLimitsProperties;
import dev.meridian.config.OtlpProperties;
import dev.meridian.config.StorageProperties;
import java.time.Clock;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.LogEntryDecoder;

/** The two OTLP receivers (started with the context, after the pipeline; stopped before it), their ports and health. */
@Configuration(proxyBeanMethods = false)
class OtlpReceiverConfiguration {

    /** What each item must satisfy and how far it is cut down (meridian.otlp.limits.*, the retention age, the clock). */
    @Bean
    OtlpLimits otlpLimits(OtlpLimitsProperties limits, StorageProperties storage, Clock clock) {
        return OtlpLimits.of(limits, storage.retention().maxAge(), clock);
    }

    /** How the pipeline reads the receivers' requests back from the write-ahead log. */
    @Bean
    LogEntryDecoder otlpLogEntryDecoder(OtlpLimits limits) {
        return new OtlpLogEntryDecoder(limits);
    }

    @Bean
    OtlpIngest otlpIngest(IngestPipeline pipeline, OtlpProperties properties) {
        return new OtlpIngest(pipeline, properties.writeTimeout());
    }

    @Bean
    OtlpGrpcReceiver otlpGrpcReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight, OtlpLimits limits) {
        return new OtlpGrpcReceiver(properties, ingest, inflight, limits);
    }

    @Bean
    OtlpHttpReceiver otlpHttpReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight, OtlpLimits limits) {
        return new OtlpHttpReceiver(properties, ingest, inflight, limits);
    }

    @Bean
    OtlpEndpoints otlpEndpoints(OtlpGrpcReceiver grpc, OtlpHttpReceiver http) {
        return new OtlpEndpoints(grpc, http);
    }

    @Bean("otlp")
    OtlpReceiversHealthIndicator otlpHealthIndicator(OtlpEndpoints endpoints, IngestPipeline pipeline) {
        return new OtlpReceiversHealthIndicator(endpoints, pipeline);
    }
}
