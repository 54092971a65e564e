package dev.meridian.query;

import java.time.Instant;

/** One search hit; {@code durationMs} is the whole trace's (root span's, or first-to-last span when the root is missing). */
public record TraceSummary(String traceId, String rootService, String rootName, Instant startTime, double durationMs,
                           int spanCount, int errorCount) {
}
