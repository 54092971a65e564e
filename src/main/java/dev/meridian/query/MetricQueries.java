package dev.meridian.query;

import java.util.List;

public interface MetricQueries {

    /** The metrics a service sent (every service's when {@code service} is null), by name. */
    List<MetricDescriptor> metrics(String service);

    /** One series per group, each with one value per step bucket over the range. */
    List<MetricSeries> series(MetricQuery query);
}
