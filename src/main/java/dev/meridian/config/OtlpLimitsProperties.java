package dev.meridian.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-item limits of OTLP ingest ({@code meridian.otlp.limits.*}); an item that breaks a rejecting limit is
 * refused on its own and reported in the export response's {@code partial_success}.
 *
 * @param maxFutureSkew            items timed further ahead of the server's clock are rejected
 * @param rejectOlderThanRetention items older than {@code meridian.retention.max-age} are rejected rather than
 *                                 acknowledged and deleted at the next retention run
 * @param maxAttributes            attributes kept per item, resource and scope; the rest are dropped and counted
 * @param maxAttributeValueLength  characters kept of a string attribute value (bytes of a bytes value); longer ones
 *                                 are cut and end with {@code …[truncated]}
 * @param maxEvents                events kept per span; the rest are dropped and counted
 * @param maxLinks                 links kept per span; the rest are dropped and counted
 * @param maxLogBodyLength         characters kept of a log body (of each string in a structured body)
 */
@ConfigurationProperties("meridian.otlp.limits")
public record OtlpLimitsProperties(
        @DefaultValue("1h") Duration maxFutureSkew,
        @DefaultValue("true") boolean rejectOlderThanRetention,
        @DefaultValue("256") int maxAttributes,
        @DefaultValue("65536") int maxAttributeValueLength,
        @DefaultValue("256") int maxEvents,
        @DefaultValue("256") int maxLinks,
        @DefaultValue("1000000") int maxLogBodyLength) {
}
