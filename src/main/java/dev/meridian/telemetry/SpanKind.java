package dev.meridian.telemetry;

/** OTLP span kinds, in OTLP's numbering (the ordinal is the OTLP enum value). */
public enum SpanKind {
    UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

    public static SpanKind fromOtlp(int number) {
        return number >= 0 && number < values().length ? values()[number] : UNSPECIFIED;
    }

    public int otlpNumber() {
        return ordinal();
    }

    /** Spans of these kinds are requests a service handled: they feed the RED rollups. */
    public boolean isEntry() {
        return this == SERVER || this == CONSUMER;
    }
}
