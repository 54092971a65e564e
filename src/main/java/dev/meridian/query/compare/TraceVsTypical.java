package dev.meridian.query.compare;

import dev.meridian.telemetry.TimeRange;
import java.util.List;

/**
 * One trace against {@code typicalCount} traces of the same root service and operation, the nearest in start time
 * within {@code window}: per span path ({@link PathComparison}). {@code partial}: the query ran out of its budget
 * before it loaded every typical trace it picked, or a trace (this one or a typical one) had more spans than are
 * read per trace and was compared by its earliest spans (the same bound on both sides).
 */
public record TraceVsTypical(String traceId, String rootService, String rootName, double durationMs,
                             int typicalCount, TimeRange window, List<PathComparison.PathRow> paths, boolean partial) {
}
