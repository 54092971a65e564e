package dev.meridian.ingest.otlp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.meridian.config.OtlpProperties;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.LogEntryDecoder;

/** The two OTLP receivers (started with the context, after the pipeline; stopped before it), their ports and health. */
@Configuration(proxyBeanMethods = false)
class OtlpReceiverConfiguration {

    /** How the pipeline reads the receivers' requests back from the write-ahead log. */
    @Bean
    LogEntryDecoder otlpLogEntryDecoder() {
        return new OtlpLogEntryDecoder();
    }

    @Bean
    OtlpIngest otlpIngest(IngestPipeline pipeline, OtlpProperties properties) {
        return new OtlpIngest(pipeline, properties.writeTimeout());
    }

    @Bean
    OtlpGrpcReceiver otlpGrpcReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight) {
        return new OtlpGrpcReceiver(properties, ingest, inflight);
    }

    @Bean
    OtlpHttpReceiver otlpHttpReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight) {
        return new OtlpHttpReceiver(properties, ingest, inflight);
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
