package dev.meridian.ingest.otlp;

import java.time.Duration;
import java.time.InstantSource;

import dev.meridian.config.OtlpLimitsProperties;

/**
 * What one OTLP item (span, log record, data point) may carry, checked per item when a request is decoded so
 * that storage never sees a value it cannot hold. {@link ItemChecks} applies the rules that reject an item;
 * {@link AttributeLimits} applies the ones that cut it down (as the OpenTelemetry SDKs' attribute limits do).
 *
 * <p>The clock rules ({@code maxFutureSkew}, {@code maxAge}) need a clock; without one ({@link #forReplay()})
 * only the rules that give the same answer at any time apply. The write-ahead log keeps only the items that
 * passed every rule, so its replay needs nothing else and decodes the same batch again.
 *
 * @param clock                    the server's clock, or null: no clock rules
 * @param maxFutureSkew            an item whose time is further ahead of the clock is rejected
 * @param maxAge                   an item older than this is rejected (retention would delete it at once); null: no limit
 * @param maxAttributes            attributes kept per item, resource and scope (the rest are dropped and counted
 *                                 in its dropped attributes count)
 * @param maxAttributeValueLength  characters kept of a string attribute value (bytes of a bytes value), at any
 *                                 depth of arrays and maps; longer values are cut and end with {@link #TRUNCATED}
 * @param maxEvents                events kept per span (the rest are dropped and counted)
 * @param maxLinks                 links kept per span (the rest are dropped and counted)
 * @param maxLogBodyLength         characters kept of a log record's string body (and of each string inside a
 *                                 structured body)
 */
record OtlpLimits(InstantSource clock, Duration maxFutureSkew, Duration maxAge, int maxAttributes,
                  int maxAttributeValueLength, int maxEvents, int maxLinks, int maxLogBodyLength) {

    /** What ends a value that was cut to its limit. */
    static final String TRUNCATED = "…[truncated]";

    /** The defaults of {@link OtlpLimitsProperties}, with the system clock and no age limit. */
    static final OtlpLimits DEFAULTS = new OtlpLimits(InstantSource.system(), Duration.ofHours(1), null, 256, 65_536,
            256, 256, 1_000_000);

    OtlpLimits {
        if (maxAttributes < 0 || maxEvents < 0 || maxLinks < 0) {
            throw new IllegalArgumentException("attribute, event and link limits must not be negative");
        }
        if (maxAttributeValueLength <= TRUNCATED.length() || maxLogBodyLength <= TRUNCATED.length()) {
            throw new IllegalArgumentException("value length limits must be longer than the truncation marker");
        }
        if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("max-future-skew must be zero or positive");
        }
    }

    /** The configured limits; {@code retentionMaxAge} (may be null) rejects what retention would delete at once. */
    static OtlpLimits of(OtlpLimitsProperties properties, Duration retentionMaxAge, InstantSource clock) {
        return new OtlpLimits(clock, properties.maxFutureSkew(), properties.rejectOlderThanRetention() ? retentionMaxAge : null,
                properties.maxAttributes(), properties.maxAttributeValueLength(), properties.maxEvents(),
                properties.maxLinks(), properties.maxLogBodyLength());
    }

    /** The same limits without the clock rules, for decoding what the write-ahead log kept. */
    OtlpLimits forReplay() {
        return new OtlpLimits(null, maxFutureSkew, null, maxAttributes, maxAttributeValueLength, maxEvents, maxLinks,
                maxLogBodyLength);
    }
}
