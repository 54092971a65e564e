package dev.meridian.query;

import dev.meridian.telemetry.TimeRange;
import java.util.List;

/** The values a resource attribute takes, e.g. for a dashboard's {@code deployment.environment.name} picker. */
public interface ResourceAttributeValues {

    /**
     * The distinct values (strings, numbers and booleans as text) of resource attribute {@code key} among the
     * resources used since the start of {@code range} (to the precision with which the writer records when a
     * resource was last used: about an hour, so a little more than the window), sorted, at most {@code limit}.
     * Reads at most a bounded number of resources (the most recently used first), within the query budget.
     */
    List<String> values(String key, TimeRange range, int limit);
}
