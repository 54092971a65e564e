/** Time-bounded retention: deletes old telemetry in bounded batches by key range. */
package dev.meridian.storage.retention;
