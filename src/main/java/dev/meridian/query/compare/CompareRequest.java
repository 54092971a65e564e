package dev.meridian.query.compare;

import dev.meridian.telemetry.TimeRange;

/**
 * Which traces to compare: the traces whose entry span (SERVER/CONSUMER or root) of {@code service} (and
 * {@code operation}, the span name, when given) starts in {@code range}. Selected: the entry span took at least
 * {@code minDurationMs} and, when {@code errorsOnly}, failed; both absent: the slowest 5 % (at or above the p95 of
 * the window's entry spans). Baseline: the other traces of the same service, operation and window.
 */
public record CompareRequest(String service, String operation, TimeRange range, Double minDurationMs,
                             boolean errorsOnly) {

    public CompareRequest {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a comparison needs a service");
        }
        operation = operation == null || operation.isBlank() ? null : operation;
    }

    /** Whether the caller chose the selected traces (else the slowest 5 % are). */
    public boolean selectionGiven() {
        return minDurationMs != null || errorsOnly;
    }
}
