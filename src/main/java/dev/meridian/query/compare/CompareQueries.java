package dev.meridian.query.compare;

import dev.meridian.telemetry.TraceId;
import java.util.Optional;

/** The data of a comparison; the statistics are plain code of this package. */
public interface CompareQueries {

    /** Typical traces compared with one trace unless asked otherwise (view and API). */
    int DEFAULT_TYPICAL = 50;
    /** Typical traces at most: each is loaded whole (up to the per-trace span bound). */
    int MAX_TYPICAL = 200;

    /**
     * Compares the selected traces of the request against the baseline: at most a bounded sample of each group,
     * chosen uniformly with a fixed seed (the same data gives the same answer), within the query budget.
     */
    Comparison compare(CompareRequest request);

    /**
     * The trace against up to {@code sampleSize} (at most {@value #MAX_TYPICAL}) traces of its root operation (same root service and span name),
     * the nearest in start time within 30 minutes either side; empty when the trace is not stored.
     */
    Optional<TraceVsTypical> typical(TraceId traceId, int sampleSize);
}
