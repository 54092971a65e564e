package dev.meridian.query.jdbc;

import dev.meridian.query.BucketStep;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.MetricQuery;
import dev.meridian.query.MetricSeries;
import dev.meridian.query.QueryLimits;
import dev.meridian.storage.jdbc.DetailCodec;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.telemetry.AggregationTemporality;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.MetricValue;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;

/**
 * Metric listing and charts. A query reads the metric's series (metric + resource + point
 * attributes), keeps those matching the filters (point attributes first, then resource attributes),
 * groups them by the {@code groupBy} keys and aggregates their points per step bucket:
 * <ul>
 * <li>gauges and sums: LAST (the sum over the group's series of each series' last value in the bucket),
 *     AVG, MIN, MAX (over all points of the group in the bucket), RATE (per-second increase: deltas of
 *     cumulative series, counter resets restart from the new value; delta series as they are), COUNT
 *     (number of points);</li>
 * <li>histograms: P50, P95, P99 (linear interpolation in the merged bucket counts of the increases in
 *     the bucket), COUNT (observations in the bucket), RATE (observations per second), AVG (sum/count);
 *     exponential histograms and summaries: COUNT and RATE only, and summaries' own quantiles for P50/P95/P99.</li>
 * </ul>
 * An aggregation that does not apply to the metric's type is an {@link IllegalArgumentException}.
 */
public class JdbcMetricQueries implements MetricQueries {

    private final DataSource dataSource;
    private final Dictionaries dictionaries;
    private final QueryLimits limits;

    public JdbcMetricQueries(DataSource dataSource, Dictionaries dictionaries) {
        this(dataSource, dictionaries, QueryLimits.DEFAULTS);
    }

    /** The statements of one query (one per series read) run within {@code limits.timeout()} together. */
    public JdbcMetricQueries(DataSource dataSource, Dictionaries dictionaries, QueryLimits limits) {
        this.dataSource = dataSource;
        this.dictionaries = dictionaries;
        this.limits = limits;
    }

    @Override
    public List<MetricDescriptor> metrics(String service) {
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            return metricsWithin(budget, service);
        } catch (DataAccessException e) {
            throw budget.translate(e);
        }
    }

    private List<MetricDescriptor> metricsWithin(ReadBudget budget, String service) {
        Sql sql = new Sql().append("SELECT metric_name, metric_type, unit, description, monotonic FROM metrics");
        if (service != null) {
            Integer serviceId = dictionaries.services().find(service).orElse(null);
            if (serviceId == null) {
                return List.of();
            }
            sql.append(" WHERE service_id = ?", serviceId);
        }
        TreeMap<String, MetricDescriptor> byName = new TreeMap<>();
        budget.jdbc().query(sql.text() + " ORDER BY metric_name", rs -> {
            byName.putIfAbsent(rs.getString(1), new MetricDescriptor(rs.getString(1), MetricType.values()[rs.getInt(2)],
                    nullToEmpty(rs.getString(3)), nullToEmpty(rs.getString(4)), rs.getBoolean(5)));
        }, sql.parameters());
        return List.copyOf(byName.values());
    }

    private record MetricInfo(MetricType type, AggregationTemporality temporality) {
    }

    private record SeriesInfo(long seriesId, MetricInfo metric, Map<String, String> group) {
    }

    @Override
    public List<MetricSeries> series(MetricQuery query) {
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            return seriesWithin(budget, query);
        } catch (DataAccessException e) {
            throw budget.translate(e);
        }
    }

    private List<MetricSeries> seriesWithin(ReadBudget budget, MetricQuery query) {
        TimeRange range = query.range();
        Duration step = BucketStep.choose(range, query.step());
        long firstMinute = BucketStep.firstBucketMinute(range, step);
        int count = BucketStep.bucketCount(range, step);
        List<Instant> buckets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            buckets.add(Instant.ofEpochSecond((firstMinute + i * step.toMinutes()) * 60));
        }
        MetricAggregation aggregation = query.aggregation() != null ? query.aggregation() : MetricAggregation.AVG;

        Map<Integer, MetricInfo> metrics = new HashMap<>();
        Sql metricSql = new Sql().append("SELECT metric_id, metric_type, temporality FROM metrics WHERE metric_name = ?",
                query.name());
        if (query.service() != null) {
            Integer serviceId = dictionaries.services().find(query.service()).orElse(null);
            if (serviceId == null) {
                return List.of();
            }
            metricSql.append(" AND service_id = ?", serviceId);
        }
        budget.jdbc().query(metricSql.text(), rs -> {
            metrics.put(rs.getInt(1), new MetricInfo(MetricType.values()[rs.getInt(2)],
                    AggregationTemporality.values()[rs.getInt(3)]));
        }, metricSql.parameters());
        if (metrics.isEmpty()) {
            return List.of();
        }
        metrics.values().forEach(m -> checkApplies(aggregation, m.type()));

        Map<String, String> filters = query.filters() == null ? Map.of() : query.filters();
        List<String> groupBy = query.groupBy() == null ? List.of() : query.groupBy();
        List<SeriesInfo> series = new ArrayList<>();
        Sql seriesSql = new Sql().append("SELECT series_id, metric_id, resource_id, detail FROM metric_series WHERE ")
                .inList("metric_id", List.copyOf(metrics.keySet()));
        budget.jdbc().query(seriesSql.text(), rs -> {
            Attributes attributes = DetailCodec.decodeAttributes(rs.getBytes(4));
            Resource resource = dictionaries.resource(rs.getLong(3));
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                if (!filter.getValue().equals(lookup(attributes, resource, filter.getKey()))) {
                    return;
                }
            }
            Map<String, String> group = new LinkedHashMap<>();
            for (String key : groupBy) {
                String value = lookup(attributes, resource, key);
                group.put(key, value == null ? "" : value);
            }
            series.add(new SeriesInfo(rs.getLong(1), metrics.get(rs.getInt(2)), group));
        }, seriesSql.parameters());

        Map<Map<String, String>, Accumulator> groups = new LinkedHashMap<>();
        for (SeriesInfo info : series) {
            Accumulator accumulator = groups.computeIfAbsent(info.group(), g -> new Accumulator(count));
            readSeries(budget, info, range, firstMinute, step, accumulator);
        }
        List<MetricSeries> result = new ArrayList<>();
        groups.forEach((group, accumulator) ->
                result.add(new MetricSeries(group, buckets, accumulator.values(aggregation, step))));
        result.sort((a, b) -> a.group().toString().compareTo(b.group().toString()));
        return result;
    }

    private static final Set<MetricAggregation> NUMBER_AGGREGATIONS = Set.of(MetricAggregation.RATE,
            MetricAggregation.LAST, MetricAggregation.AVG, MetricAggregation.MIN, MetricAggregation.MAX, MetricAggregation.COUNT);
    private static final Set<MetricAggregation> HISTOGRAM_AGGREGATIONS = Set.of(MetricAggregation.P50,
            MetricAggregation.P95, MetricAggregation.P99, MetricAggregation.COUNT, MetricAggregation.RATE, MetricAggregation.AVG);

    static void checkApplies(MetricAggregation aggregation, MetricType type) {
        boolean applies = switch (type) {
            case GAUGE, SUM -> NUMBER_AGGREGATIONS.contains(aggregation);
            case HISTOGRAM, SUMMARY -> HISTOGRAM_AGGREGATIONS.contains(aggregation);
            case EXPONENTIAL_HISTOGRAM -> aggregation == MetricAggregation.COUNT || aggregation == MetricAggregation.RATE;
        };
        if (!applies) {
            throw new IllegalArgumentException("aggregation " + aggregation + " does not apply to a " + type + " metric");
        }
    }

    private static String lookup(Attributes attributes, Resource resource, String key) {
        String value = attributes.getString(key);
        return value != null ? value : resource.attributes().getString(key);
    }

    private void readSeries(ReadBudget budget, SeriesInfo info, TimeRange range, long firstMinute, Duration step, Accumulator acc) {
        boolean numbers = info.metric().type() == MetricType.GAUGE || info.metric().type() == MetricType.SUM;
        boolean cumulative = info.metric().temporality() != AggregationTemporality.DELTA;
        long stepNanos = step.toNanos();
        long firstNanos = firstMinute * 60_000_000_000L;
        int[] lastBucket = {-1};
        double[] previous = {Double.NaN};
        MetricValue[] previousValue = {null};
        budget.jdbc().query("SELECT time_ns, start_ns, num_value, point_count" + (numbers ? "" : ", detail")
                + " FROM metric_points WHERE series_id = ? AND time_ns >= ? AND time_ns < ? ORDER BY time_ns", rs -> {
            int bucket = (int) Math.floorDiv(rs.getLong(1) - firstNanos, stepNanos);
            if (bucket < 0 || bucket >= acc.count.length) {
                return;
            }
            long start = rs.getLong(2);
            if (numbers) {
                double value = rs.getDouble(3);
                acc.count[bucket]++;
                acc.sum[bucket] += value;
                acc.min[bucket] = Math.min(acc.min[bucket], value);
                acc.max[bucket] = Math.max(acc.max[bucket], value);
                if (lastBucket[0] >= 0 && lastBucket[0] != bucket) {
                    acc.last[lastBucket[0]] += acc.seriesLast;
                }
                acc.seriesLast = value;
                lastBucket[0] = bucket;
                double increase = !cumulative ? value
                        : !Double.isNaN(previous[0]) ? (value >= previous[0] ? value - previous[0] : value)
                        : (start >= range.startNanos() ? value : 0);
                acc.increase[bucket] += increase;
                previous[0] = value;
            } else {
                MetricValue value = DetailCodec.decodePoint(rs.getBytes(5)).value();
                boolean fresh = start >= range.startNanos();
                acc.addDistribution(bucket, value, cumulative ? previousValue[0] : null, cumulative && previousValue[0] == null && !fresh);
                previousValue[0] = value;
            }
        }, info.seriesId(), range.startNanos(), range.endNanos());
        if (lastBucket[0] >= 0) {
            acc.last[lastBucket[0]] += acc.seriesLast;
        }
    }

    /** Per-bucket figures of one group. */
    static final class Accumulator {
        final long[] count;
        final double[] sum;
        final double[] min;
        final double[] max;
        final double[] last;
        final double[] increase;
        final long[] observations;
        final double[] observationSum;
        final double[][] bounds;
        final long[][] bucketCounts;
        final double[][] summaryQuantiles;
        double seriesLast;

        Accumulator(int buckets) {
            count = new long[buckets];
            sum = new double[buckets];
            min = new double[buckets];
            max = new double[buckets];
            last = new double[buckets];
            increase = new double[buckets];
            observations = new long[buckets];
            observationSum = new double[buckets];
            bounds = new double[buckets][];
            bucketCounts = new long[buckets][];
            summaryQuantiles = new double[buckets][];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        /** Adds the increase of a distribution point over the previous one of its series (null: the point is the increase). */
        void addDistribution(int bucket, MetricValue value, MetricValue previous, boolean skip) {
            count[bucket]++;
            switch (value) {
                case MetricValue.Histogram h -> {
                    long[] counts = h.bucketCounts().clone();
                    long total = h.count();
                    double total_sum = h.sum() == null ? 0 : h.sum();
                    if (previous instanceof MetricValue.Histogram p && p.bucketCounts().length == counts.length
                            && p.count() <= h.count()) {
                        for (int i = 0; i < counts.length; i++) {
                            counts[i] -= p.bucketCounts()[i];
                        }
                        total -= p.count();
                        total_sum -= p.sum() == null ? 0 : p.sum();
                    } else if (skip) {
                        return;
                    }
                    observations[bucket] += total;
                    observationSum[bucket] += total_sum;
                    if (bucketCounts[bucket] == null) {
                        bounds[bucket] = h.explicitBounds();
                        bucketCounts[bucket] = counts;
                    } else if (bucketCounts[bucket].length == counts.length) {
                        for (int i = 0; i < counts.length; i++) {
                            bucketCounts[bucket][i] += counts[i];
                        }
                    }
                }
                case MetricValue.ExponentialHistogram e -> {
                    long total = e.count();
                    if (previous instanceof MetricValue.ExponentialHistogram p && p.count() <= total) {
                        total -= p.count();
                    } else if (skip) {
                        return;
                    }
                    observations[bucket] += total;
                }
                case MetricValue.Summary s -> {
                    long total = s.count();
                    double totalSum = s.sum();
                    if (previous instanceof MetricValue.Summary p && p.count() <= total) {
                        total -= p.count();
                        totalSum -= p.sum();
                    } else if (skip) {
                        total = 0;
                        totalSum = 0;
                    }
                    observations[bucket] += total;
                    observationSum[bucket] += totalSum;
                    double[] q = {quantile(s, 0.5), quantile(s, 0.95), quantile(s, 0.99)};
                    summaryQuantiles[bucket] = q;
                }
                case MetricValue.Number n -> {
                }
            }
        }

        private static double quantile(MetricValue.Summary summary, double q) {
            return summary.quantiles().stream().filter(x -> Math.abs(x.quantile() - q) < 1e-9)
                    .mapToDouble(MetricValue.Quantile::value).findFirst().orElse(Double.NaN);
        }

        double[] values(MetricAggregation aggregation, Duration step) {
            double seconds = step.toNanos() / 1e9;
            double[] values = new double[count.length];
            for (int i = 0; i < values.length; i++) {
                if (count[i] == 0) {
                    values[i] = Double.NaN;
                    continue;
                }
                boolean distribution = bucketCounts[i] != null || observations[i] > 0 || summaryQuantiles[i] != null;
                values[i] = switch (aggregation) {
                    case LAST -> last[i];
                    case AVG -> distribution ? (observations[i] == 0 ? Double.NaN : observationSum[i] / observations[i])
                            : sum[i] / count[i];
                    case MIN -> min[i];
                    case MAX -> max[i];
                    case RATE -> (distribution ? observations[i] : increase[i]) / seconds;
                    case COUNT -> distribution ? observations[i] : count[i];
                    case P50 -> percentile(i, 0.50, 0);
                    case P95 -> percentile(i, 0.95, 1);
                    case P99 -> percentile(i, 0.99, 2);
                };
            }
            return values;
        }

        private double percentile(int i, double q, int summaryIndex) {
            if (bucketCounts[i] == null) {
                return summaryQuantiles[i] != null ? summaryQuantiles[i][summaryIndex] : Double.NaN;
            }
            return ExplicitBuckets.percentile(bounds[i], bucketCounts[i], q);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
