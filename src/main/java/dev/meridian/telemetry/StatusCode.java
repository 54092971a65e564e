package dev.meridian.telemetry;

/** OTLP span status codes, in OTLP's numbering (UNSET 0, OK 1, ERROR 2). */
public enum StatusCode {
    UNSET, OK, ERROR;

    public static StatusCode fromOtlp(int number) {
        return number >= 0 && number < values().length ? values()[number] : UNSET;
    }

    public int otlpNumber() {
        return ordinal();
    }
}
