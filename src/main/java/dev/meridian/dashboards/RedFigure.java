package dev.meridian.dashboards;

import java.util.Locale;

/** Which RED figure of a service (or operation) a panel shows. */
public enum RedFigure {
    /** requests per minute */
    THROUGHPUT("Throughput"),
    /** failed requests in percent */
    ERROR_RATE("Error rate"),
    P50("p50 latency"),
    P95("p95 latency"),
    P99("p99 latency"),
    /** p50, p95 and p99 as three lines */
    LATENCY_ALL("Latency p50 / p95 / p99"),
    /** requests per minute by HTTP status class (2xx/3xx, 4xx, 5xx of http.response.status_code) as three lines */
    STATUS_CLASSES("HTTP status classes");

    private final String label;

    RedFigure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The lower-case name used in the JSON format, e.g. {@code error_rate}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
