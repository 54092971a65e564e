package dev.meridian.query;

import dev.meridian.telemetry.TimeRange;

/** The service map: from the per-service RED rollups and the per-minute edge rollups, never from raw spans. */
public interface ServiceMapQueries {

    /**
     * Every service that sent spans in the window (nodes, by name) and every pair of services with calls in
     * it (edges, by source then target). The window is widened to whole minutes, as the RED figures are.
     *
     * @throws QueryBudgetExceededException when the rollups could not be read within the query budget
     */
    ServiceMap serviceMap(TimeRange range);
}
