package dev.meridian.storage.retention;

import java.time.Duration;

/**
 * @param maxAge     telemetry older than this is deleted
 * @param interval   how often retention runs
 * @param batchRows  about this many rows per delete statement (each is its own transaction)
 * @param timeBudget one run stops after this long; the next run goes on
 */
public record RetentionPolicy(Duration maxAge, Duration interval, int batchRows, Duration timeBudget) {
}
