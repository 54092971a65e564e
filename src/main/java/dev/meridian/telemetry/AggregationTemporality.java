package dev.meridian.telemetry;

/** OTLP numbering: UNSPECIFIED 0, DELTA 1, CUMULATIVE 2. */
public enum AggregationTemporality {
    UNSPECIFIED, DELTA, CUMULATIVE;

    public static AggregationTemporality fromOtlp(int number) {
        return number >= 0 && number < values().length ? values()[number] : UNSPECIFIED;
    }
}
