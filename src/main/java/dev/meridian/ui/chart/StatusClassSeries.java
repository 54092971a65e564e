package dev.meridian.ui.chart;

import dev.meridian.query.StatusClassPoint;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The HTTP status-class lines (2xx/3xx, 4xx, 5xx) of the service page and of dashboard status-class panels,
 * built in one place so both read the same: <b>requests per bucket</b> (the three add up to all classified
 * requests of the bucket), in these colours, stacked.
 */
public final class StatusClassSeries {

    /** 2xx/3xx green, 4xx orange, 5xx red. */
    public static final List<String> COLORS = List.of("#2ca02c", "#ff7f0e", "#d62728");

    private StatusClassSeries() {
    }

    /** The three lines, requests per bucket, ids {@code ok}, {@code 4xx}, {@code 5xx}. */
    public static List<TimeSeries> lines(List<StatusClassPoint> points) {
        List<Instant> buckets = points.stream().map(StatusClassPoint::bucketStart).toList();
        return List.of(line("ok", "2xx/3xx", buckets, points, StatusClassPoint::ok),
                line("4xx", "4xx", buckets, points, StatusClassPoint::clientErrors),
                line("5xx", "5xx", buckets, points, StatusClassPoint::serverErrors));
    }

    /** Every request with a status code in the points: none means the service reports no HTTP status. */
    public static long requests(List<StatusClassPoint> points) {
        return points.stream().mapToLong(p -> p.ok() + p.clientErrors() + p.serverErrors()).sum();
    }

    private static TimeSeries line(String id, String name, List<Instant> buckets, List<StatusClassPoint> points,
                                   ToLongFunction<StatusClassPoint> count) {
        return new TimeSeries(id, name, buckets, points.stream().mapToDouble(p -> count.applyAsLong(p)).toArray());
    }
}
