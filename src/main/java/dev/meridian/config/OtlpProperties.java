package dev.meridian.config;

import java.time.Duration;
import java.util.List;

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
 * @param httpReadTimeout OTLP/HTTP: how long the server waits for the next bytes of a request's headers or
 *                        body (HTTP/1.1 and HTTP/2 streams) before it closes the connection; a client that
 *                        stalls mid-request holds a connection no longer than this
 * @param httpKeepAliveTimeout OTLP/HTTP: how long an idle keep-alive connection stays open between requests
 * @param httpMaxConnections OTLP/HTTP: the most open connections; further clients wait in the accept backlog
 * @param grpcMaxConcurrentCallsPerConnection OTLP/gRPC: the most calls one connection runs at once (HTTP/2
 *                        {@code MAX_CONCURRENT_STREAMS}); a client queues further calls itself
 * @param grpcMaxConnectionAge OTLP/gRPC: a connection older than this is asked to go away (GOAWAY), so
 *                        clients reconnect and spread over servers behind a load balancer
 * @param grpcMaxConnectionAgeGrace OTLP/gRPC: how long calls still running on such a connection may finish
 *                        (longer than {@code write-timeout}, so a waiting export still gets its answer)
 * @param grpcMaxConnectionIdle OTLP/gRPC: a connection with no call for this long is closed
 * @param grpcKeepAliveTime OTLP/gRPC: the server pings a connection silent for this long and closes it when
 *                        the ping is not answered within 20 s (dead peers free their resources)
 * @param grpcPermitKeepAliveTime OTLP/gRPC: the shortest interval between client pings the server accepts;
 *                        a client pinging more often is disconnected (ping floods)
 * @param grpcHandshakeTimeout OTLP/gRPC: a new connection must finish the HTTP/2 preface within this time
 * @param bearerTokens    when not empty, both receivers require {@code Authorization: Bearer <token>} with
 *                        one of these tokens (comma-separated); empty: no authentication, so an SDK with
 *                        default settings works
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
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("10s") Duration httpReadTimeout,
        @DefaultValue("60s") Duration httpKeepAliveTimeout,
        @DefaultValue("1000") int httpMaxConnections,
        @DefaultValue("100") int grpcMaxConcurrentCallsPerConnection,
        @DefaultValue("30m") Duration grpcMaxConnectionAge,
        @DefaultValue("1m") Duration grpcMaxConnectionAgeGrace,
        @DefaultValue("5m") Duration grpcMaxConnectionIdle,
        @DefaultValue("1m") Duration grpcKeepAliveTime,
        @DefaultValue("10s") Duration grpcPermitKeepAliveTime,
        @DefaultValue("10s") Duration grpcHandshakeTimeout,
        @DefaultValue("") List<String> bearerTokens) {

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
        if (httpMaxConnections <= 0 || grpcMaxConcurrentCallsPerConnection <= 0) {
            throw new IllegalArgumentException("meridian.otlp.http-max-connections and grpc-max-concurrent-calls-per-connection must be positive");
        }
        for (Duration timeout : List.of(httpReadTimeout, httpKeepAliveTimeout, grpcMaxConnectionAge, grpcMaxConnectionIdle,
                grpcKeepAliveTime, grpcHandshakeTimeout)) {
            if (timeout.toMillis() <= 0 || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("meridian.otlp timeouts and connection ages must be between 1 ms and 24 days, was " + timeout);
            }
        }
        bearerTokens = bearerTokens == null ? List.of()
                : bearerTokens.stream().map(String::trim).filter(token -> !token.isEmpty()).toList();
    }

    public int maxBody() {
        return (int) maxBodyBytes.toBytes();
    }
}
