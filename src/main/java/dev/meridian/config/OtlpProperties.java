package dev.meridian.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The OTLP receivers and the ingest pipeline behind them ({@code meridian.otlp.*}).
 *
 * @param bindAddress     the address both receivers listen on ({@code 0.0.0.0}: every interface)
 * @param grpcPort        OTLP/gRPC port; 0 picks a free port (see {@code OtlpEndpoints} for the bound one)
 * @param httpPort        OTLP/HTTP port; 0 picks a free port
 * @param maxBodyBytes    the largest request accepted, measured after decompression (HTTP body, gRPC message)
 * @param maxInflightBytes the most request bytes (after decompression) held by all receivers at once, from
 *                        reading a body until its answer; beyond it requests are refused as overload
 * @param queueCapacity   the most items (spans, log records, metric points) waiting for the writer
 * @param maxWriteItems   the most items the writer merges into one {@code TelemetryWriter.write} call
 * @param writeTimeout    how long a receiver waits for the commit of its batch before answering "unavailable"
 * @param retryAfter      the delay suggested to clients that were refused for overload
 */
@ConfigurationProperties("meridian.otlp")
public record OtlpProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("4317") int grpcPort,
        @DefaultValue("4318") int httpPort,
        @DefaultValue("64MB") DataSize maxBodyBytes,
        @DefaultValue("256MB") DataSize maxInflightBytes,
        @DefaultValue("100000") int queueCapacity,
        @DefaultValue("10000") int maxWriteItems,
        @DefaultValue("30s") Duration writeTimeout,
        @DefaultValue("1s") Duration retryAfter) {

    public OtlpProperties {
        if (maxBodyBytes.toBytes() <= 0 || maxBodyBytes.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("meridian.otlp.max-body-bytes must be between 1 byte and 2 GB, was " + maxBodyBytes);
        }
        if (maxInflightBytes.toBytes() < maxBodyBytes.toBytes()) {
            throw new IllegalArgumentException("meridian.otlp.max-inflight-bytes (" + maxInflightBytes
                    + ") must be at least meridian.otlp.max-body-bytes (" + maxBodyBytes + ")");
        }
        if (queueCapacity <= 0 || maxWriteItems <= 0) {
            throw new IllegalArgumentException("meridian.otlp.queue-capacity and max-write-items must be positive");
        }
    }

    public int maxBody() {
        return (int) maxBodyBytes.toBytes();
    }
}
