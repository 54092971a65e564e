package dev.meridian.query.jdbc;

import dev.meridian.query.BucketStep;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.QueryBudgetExceededException;
import dev.meridian.query.QueryLimits;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.HistogramCodec;
import dev.meridian.storage.rollup.RollupLevel;
import dev.meridian.storage.rollup.RollupPlan;
import dev.meridian.storage.rollup.RollupWatermarks;
import dev.meridian.storage.rollup.Watermarks;
import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * RED figures from the rollups only ({@code service_rollup*} for services, {@code red_rollup*} for
 * operations and series), each read through a {@link RollupPlan}: hourly and 10-minute cells where those
 * levels are complete, minute rows at the edges of the window and after the levels' watermarks. A week's
 * series reads ~170 cells instead of 10,080 minute rows; the sums are the same as from minute rows alone.
 * Percentiles are merges of the cells' histograms. A window is widened to whole minutes: a rollup minute
 * counts when it overlaps the window; a series covers whole step buckets.
 */
public class JdbcServiceQueries implements ServiceQueries {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final JdbcTemplate jdbc;
    private final Dictionaries dictionaries;
    private final QueryLimits limits;

    public JdbcServiceQueries(DataSource dataSource, Dictionaries dictionaries) {
        this(dataSource, dictionaries, QueryLimits.DEFAULTS);
    }

    /** Each statement (at most two per query: watermarks and rollup rows) within {@code limits.timeout()}. */
    public JdbcServiceQueries(DataSource dataSource, Dictionaries dictionaries, QueryLimits limits) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout((int) Math.max(1, limits.timeout().toSeconds()));
        this.jdbc.setMaxRows(limits.maxRows());
        this.dictionaries = dictionaries;
        this.limits = limits;
    }

    /** A statement cancelled by its timeout is the question's cost, told as {@link QueryBudgetExceededException}. */
    private <T> T bounded(Supplier<T> query) {
        try {
            return query.get();
        } catch (DataAccessException e) {
            if (ReadBudget.isTimeout(e)) {
                throw new QueryBudgetExceededException(limits.timeout(), e);
            }
            throw e;
        }
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
        return bounded(() -> servicesWithin(range));
    }

    private List<ServiceSummary> servicesWithin(TimeRange range) {
        return servicesWithin(plan(jdbc, range), () -> jdbc);
    }

    /** Which rollup levels answer the window, by the compactor's watermarks. */
    static RollupPlan plan(JdbcTemplate jdbc, TimeRange range) {
        return RollupPlan.forWindow(firstMinute(range), endMinute(range),
                jdbc.execute((ConnectionCallback<Watermarks>) RollupWatermarks::read));
    }

    /**
     * {@link #services} of a plan within a query budget the caller started (the service map reads its edges with
     * the same plan in the same budget): the statement gets only the time that is left.
     */
    List<ServiceSummary> servicesWithin(RollupPlan plan, ReadBudget budget) {
        return servicesWithin(plan, budget::jdbc);
    }

    /** @param templates the template of each statement (with the time left, when under a budget) */
    private List<ServiceSummary> servicesWithin(RollupPlan plan, Supplier<JdbcTemplate> templates) {
        Map<Integer, Long> spanCounts = new HashMap<>();
        Map<Integer, Red> reds = new HashMap<>();
        if (plan.pieces().isEmpty()) {
            return List.of();
        }
        Sql sql = select(plan,
                level -> "SELECT service_id, span_count, request_count, error_count, histogram FROM " + level.serviceTable(),
                null, null);
        templates.get().query(sql.text(), rs -> {
            spanCounts.merge(rs.getInt(1), rs.getLong(2), Long::sum);
            byte[] histogram = rs.getBytes(5);
            if (histogram != null) {
                reds.computeIfAbsent(rs.getInt(1), k -> new Red()).add(rs.getLong(3), rs.getLong(4), histogram);
            }
        }, sql.parameters());
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
        return bounded(() -> operationsWithin(service, range));
    }

    private List<OperationSummary> operationsWithin(String service, TimeRange range) {
        Integer serviceId = dictionaries.services().find(service).orElse(null);
        if (serviceId == null) {
            return List.of();
        }
        Map<Integer, Red> reds = new HashMap<>();
        RollupPlan plan = windowPlan(range);
        if (plan.pieces().isEmpty()) {
            return List.of();
        }
        Sql sql = select(plan, level -> "SELECT operation_id, request_count, error_count, histogram FROM " + level.redTable(),
                serviceId, null);
        jdbc.query(sql.text(), rs -> {
            reds.computeIfAbsent(rs.getInt(1), k -> new Red()).add(rs.getLong(2), rs.getLong(3), rs.getBytes(4));
        }, sql.parameters());
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
        List<Red> buckets = bounded(() -> buckets(service, operation, range, step, false));
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
        List<Red> buckets = bounded(() -> buckets(service, operation, range, step, true));
        Duration chosen = BucketStep.choose(range, step);
        long first = BucketStep.firstBucketMinute(range, chosen);
        List<StatusClassPoint> points = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Red red = buckets.get(i);
            points.add(new StatusClassPoint(bucketStart(first, chosen, i), red.ok, red.clientErrors, red.serverErrors));
        }
        return points;
    }

    /** The plan of a summary over the window (services, operations). */
    RollupPlan windowPlan(TimeRange range) {
        return RollupPlan.forWindow(firstMinute(range), endMinute(range), watermarks());
    }

    /** The plan of a series (and of its status classes) over the window with the requested step. */
    RollupPlan seriesPlan(TimeRange range, Duration requestedStep) {
        Duration step = BucketStep.choose(range, requestedStep);
        long first = BucketStep.firstBucketMinute(range, step);
        long end = first + BucketStep.bucketCount(range, step) * step.toMinutes();
        return RollupPlan.forSeries(first, end, step.toMinutes(), watermarks());
    }

    private Watermarks watermarks() {
        return jdbc.execute((ConnectionCallback<Watermarks>) RollupWatermarks::read);
    }

    /**
     * One SELECT per piece of a non-empty plan over its level's table, joined by UNION ALL, restricted to
     * the service and operation when they are not null. {@code selectFrom} is constant text around the
     * level's table name.
     */
    static Sql select(RollupPlan plan, Function<RollupLevel, String> selectFrom, Integer serviceId,
                              Integer operationId) {
        Sql sql = new Sql();
        String union = "";
        for (RollupPlan.Piece piece : plan.pieces()) {
            sql.append(union).append(selectFrom.apply(piece.level())).append(" WHERE");
            if (serviceId != null) {
                sql.append(" service_id = ? AND", serviceId);
            }
            sql.append(" bucket_minute >= ? AND bucket_minute < ?", piece.fromMinute(), piece.toMinute());
            if (operationId != null) {
                sql.append(" AND operation_id = ?", operationId);
            }
            union = " UNION ALL ";
        }
        return sql;
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
        // the plan's cells tile the step: each row falls in exactly one bucket
        Sql sql = select(seriesPlan(range, requestedStep),
                level -> "SELECT bucket_minute, request_count, error_count, status_ok, status_4xx, status_5xx"
                        + (statusOnly ? "" : ", histogram") + " FROM " + level.redTable(),
                serviceId, operationId);
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
