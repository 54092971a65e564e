package dev.meridian.storage.jdbc;

/**
 * The most entries each dictionary table holds. Beyond a limit, new entries are stored as overflow (a service
 * or span name {@link NameDictionary#OVERFLOW}, the one resource {@code meridian.overflow=true}, a metric's overflow
 * series {@code otel.metric.overflow=true} as the OpenTelemetry metrics SDK does) or, for metric names, the point is
 * dropped; both are counted. The caches of the dictionaries are bounded by these limits.
 */
public record DictionaryLimits(int services, int spanNames, int resources, int metrics, int metricSeries) {

    public static final DictionaryLimits DEFAULTS = new DictionaryLimits(5_000, 100_000, 100_000, 20_000, 500_000);

    public DictionaryLimits {
        if (services < 1 || spanNames < 1 || resources < 1 || metrics < 1 || metricSeries < 1) {
            throw new IllegalArgumentException("dictionary limits must be positive: " + this);
        }
    }
}
