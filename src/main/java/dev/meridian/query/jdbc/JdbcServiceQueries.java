package dev.meridian.query.jdbc;

import dev.meridian.query.BucketStep;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.HistogramCodec;
import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * RED figures from the minute rollups only ({@code service_rollup} for services, {@code red_rollup} for
 * operations and series); percentiles
 * are merges of the rollups' histograms. A window is widened to whole minutes: a rollup minute
 * counts when it overlaps the window.
 */
public class JdbcServiceQueries implements ServiceQueries {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final JdbcTemplate jdbc;
    private final Dictionaries dictionaries;

    public JdbcServiceQueries(DataSource dataSource, Dictionaries dictionaries) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dictionaries = dictionaries;
    }

    /** Merged RED figures of several rollup rows. */
    private static final class Red {
        long requests;
        long errors;
        long ok;
        long clientErrors;
        long serverErrors;
        final Histogram histogram = HistogramCodec.newHistogram();

        void add(long requests, long errors, byte[] histogram) {
            this.requests += requests;
            this.errors += errors;
            this.histogram.add(HistogramCodec.decode(histogram));
        }

        double p(double percentile) {
            return HistogramCodec.percentileMs(histogram, percentile);
        }

        double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }

    static long firstMinute(TimeRange range) {
        return Math.floorDiv(range.startNanos(), NANOS_PER_MINUTE);
    }

    static long endMinute(TimeRange range) {
        return -Math.floorDiv(-range.endNanos(), NANOS_PER_MINUTE);
    }

    @Override
    public List<ServiceSummary> services(TimeRange range) {
        Map<Integer, Long> spanCounts = new HashMap<>();
        Map<Integer, Red> reds = new HashMap<>();
        jdbc.query("SELECT service_id, span_count, request_count, error_count, histogram FROM service_rollup"
                        + " WHERE bucket_minute >= ? AND bucket_minute < ?", rs -> {
                    spanCounts.merge(rs.getInt(1), rs.getLong(2), Long::sum);
                    byte[] histogram = rs.getBytes(5);
                    if (histogram != null) {
                        reds.computeIfAbsent(rs.getInt(1), k -> new Red()).add(rs.getLong(3), rs.getLong(4), histogram);
                    }
                }, firstMinute(range), endMinute(range));
        TreeMap<String, ServiceSummary> byName = new TreeMap<>();
        spanCounts.forEach((serviceId, spans) -> {
            Red red = reds.getOrDefault(serviceId, new Red());
            String name = dictionaries.services().name(serviceId);
            byName.put(name, new ServiceSummary(name, spans, red.requests, red.errors, red.errorRate(),
                    red.p(50), red.p(95), red.p(99)));
        });
        return List.copyOf(byName.values());
    }

    @Override
    public List<OperationSummary> operations(String service, TimeRange range) {
        Integer serviceId = dictionaries.services().find(service).orElse(null);
        if (serviceId == null) {
            return List.of();
        }
        Map<Integer, Red> reds = new HashMap<>();
        jdbc.query("SELECT operation_id, request_count, error_count, histogram FROM red_rollup"
                        + " WHERE service_id = ? AND bucket_minute >= ? AND bucket_minute < ?", rs -> {
                    reds.computeIfAbsent(rs.getInt(1), k -> new Red()).add(rs.getLong(2), rs.getLong(3), rs.getBytes(4));
                }, serviceId, firstMinute(range), endMinute(range));
        TreeMap<String, OperationSummary> byName = new TreeMap<>();
        reds.forEach((operationId, red) -> {
            String name = dictionaries.spanNames().name(operationId);
            byName.put(name, new OperationSummary(name, red.requests, red.errors, red.errorRate(),
                    red.p(50), red.p(95), red.p(99)));
        });
        return List.copyOf(byName.values());
    }

    @Override
    public List<RedPoint> series(String service, String operation, TimeRange range, Duration step) {
        List<Red> buckets = buckets(service, operation, range, step, false);
        Duration chosen = BucketStep.choose(range, step);
        long first = BucketStep.firstBucketMinute(range, chosen);
        List<RedPoint> points = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Red red = buckets.get(i);
            points.add(new RedPoint(bucketStart(first, chosen, i), red.requests, red.errors, red.p(50), red.p(95), red.p(99)));
        }
        return points;
    }

    @Override
    public List<StatusClassPoint> statusClasses(String service, String operation, TimeRange range, Duration step) {
        List<Red> buckets = buckets(service, operation, range, step, true);
        Duration chosen = BucketStep.choose(range, step);
        long first = BucketStep.firstBucketMinute(range, chosen);
        List<StatusClassPoint> points = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Red red = buckets.get(i);
            points.add(new StatusClassPoint(bucketStart(first, chosen, i), red.ok, red.clientErrors, red.serverErrors));
        }
        return points;
    }

    private static Instant bucketStart(long firstMinute, Duration step, int index) {
        return Instant.ofEpochSecond((firstMinute + index * step.toMinutes()) * 60);
    }

    /** One merged figure per step bucket, empty buckets included. */
    private List<Red> buckets(String service, String operation, TimeRange range, Duration requestedStep, boolean statusOnly) {
        Duration step = BucketStep.choose(range, requestedStep);
        long first = BucketStep.firstBucketMinute(range, step);
        int count = BucketStep.bucketCount(range, step);
        long stepMinutes = step.toMinutes();
        List<Red> buckets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            buckets.add(new Red());
        }
        Integer serviceId = dictionaries.services().find(service).orElse(null);
        Integer operationId = operation == null ? null : dictionaries.spanNames().find(operation).orElse(null);
        if (serviceId == null || (operation != null && operationId == null)) {
            return buckets;
        }
        Sql sql = new Sql().append("SELECT bucket_minute, request_count, error_count, status_ok, status_4xx, status_5xx"
                        + (statusOnly ? "" : ", histogram") + " FROM red_rollup WHERE service_id = ? AND bucket_minute >= ?"
                        + " AND bucket_minute < ?", serviceId, first, first + count * stepMinutes);
        if (operationId != null) {
            sql.append(" AND operation_id = ?", operationId);
        }
        jdbc.query(sql.text(), rs -> {
            int index = (int) ((rs.getLong(1) - first) / stepMinutes);
            Red red = buckets.get(index);
            if (statusOnly) {
                red.requests += rs.getLong(2);
                red.errors += rs.getLong(3);
            } else {
                red.add(rs.getLong(2), rs.getLong(3), rs.getBytes(7));
            }
            red.ok += rs.getLong(4);
            red.clientErrors += rs.getLong(5);
            red.serverErrors += rs.getLong(6);
        }, sql.parameters());
        return buckets;
    }
}
