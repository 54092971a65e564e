package dev.meridian.ingest;

/** The three OpenTelemetry signals, as counted by {@link IngestStats}. */
public enum Signal {
    TRACES, LOGS, METRICS
}
