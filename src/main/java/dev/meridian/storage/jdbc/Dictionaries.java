package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.AggregationTemporality;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The in-memory caches of the dictionary tables (services, span names, resources, metrics, metric
 * series), shared by the writer and the readers. Entries the writer adds become visible to the
 * caches only when its transaction commits.
 *
 * <p>Each table holds at most its {@link DictionaryLimits limit}; what lies beyond is stored as overflow and
 * counted ({@link #cardinality()}). The writer marks when it last used each entry, and
 * {@link #forgetUnseenBefore} deletes the entries no row written within the retention period uses, so that
 * tables and caches shrink again after a burst of cardinality.
 */
public final class Dictionaries {

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final NameDictionary services;
    private final NameDictionary spanNames;
    private final HashedEntries storedResources;
    private final Map<Long, Resource> resources = new ConcurrentHashMap<>();
    private final HashedEntries storedSeries;
    private final Map<MetricKey, MetricRow> metrics = new ConcurrentHashMap<>();
    private final Map<MetricKey, MetricRow> pendingMetrics = new HashMap<>();
    private final LastSeen metricsSeen = new LastSeen("metrics", "metric_id");
    private final Overflow metricsOverflow;
    private int metricCount = -1;
    private int nextMetricId = -1;
    private final DictionaryLimits limits;
    private final CompressionDictionaries compression;

    /** A metric's dictionary row. */
    public record MetricRow(int metricId, int serviceId, String name, MetricType type,
                            AggregationTemporality temporality, boolean monotonic, String unit, String description) {
    }

    private record MetricKey(int serviceId, String name) {
    }

    /** How full each dictionary is, and how many entries it turned into overflow. */
    public record Cardinality(String dictionary, long size, long limit, long overflowed) {
    }

    public Dictionaries(DataSource dataSource, SqlDialect dialect) {
        this(dataSource, dialect, DictionaryLimits.DEFAULTS);
    }

    public Dictionaries(DataSource dataSource, SqlDialect dialect, DictionaryLimits limits) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dialect = dialect;
        this.limits = limits;
        this.compression = new CompressionDictionaries(dataSource);
        this.services = new NameDictionary(dataSource, "services", "service_id", "service_name", 512, limits.services());
        this.spanNames = new NameDictionary(dataSource, "span_names", "name_id", "span_name", 1024, limits.spanNames());
        this.storedResources = new HashedEntries("resources", "resource_id", limits.resources());
        this.storedSeries = new HashedEntries("metric_series", "series_id", limits.metricSeries());
        this.metricsOverflow = new Overflow("metrics", limits.metrics());
    }

    /** Sizes (rows stored now; names without the overflow entry), limits and overflow counts of the dictionaries. */
    public List<Cardinality> cardinality() {
        return List.of(
                new Cardinality("services", names("services", "service_name"), limits.services(), services.overflowed()),
                new Cardinality("spanNames", names("span_names", "span_name"), limits.spanNames(), spanNames.overflowed()),
                new Cardinality("resources", rows("resources"), limits.resources(), storedResources.overflowed()),
                new Cardinality("metrics", rows("metrics"), limits.metrics(), metricsOverflow.count()),
                new Cardinality("metricSeries", rows("metric_series"), limits.metricSeries(), storedSeries.overflowed()));
    }

    /** Table and column names are constants of this class. */
    private long names(String table, String nameColumn) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + nameColumn + " <> ?", Long.class,
                NameDictionary.OVERFLOW);
        return count == null ? 0 : count;
    }

    private long rows(String table) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return count == null ? 0 : count;
    }

    public NameDictionary services() {
        return services;
    }

    public NameDictionary spanNames() {
        return spanNames;
    }

    /** The trained zstd dictionaries of span and log detail values. */
    public CompressionDictionaries compression() {
        return compression;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** A stored resource by id (cached; resources are few). */
    public Resource resource(long resourceId) {
        return resources.computeIfAbsent(resourceId, id -> jdbc.query(
                "SELECT detail FROM resources WHERE resource_id = ?",
                rs -> rs.next() ? DetailCodec.decodeResource(rs.getBytes(1)) : Resource.EMPTY, id));
    }

    /**
     * The id (content hash) of a resource, storing it in the writer's transaction when new; beyond the limit, the
     * id of the one overflow resource ({@code meridian.overflow=true}; the rows keep their own service).
     */
    long resourceIdForWrite(Connection connection, DetailWriter w, Resource resource, int serviceId, long nowNanos)
            throws SQLException {
        byte[] raw = DetailCodec.encodeResourceRaw(w, resource);
        long id = Hashing.hash(raw);
        switch (storedResources.admit(connection, id, nowNanos, resource.attributes().values().keySet())) {
            case KNOWN -> {
                return id;
            }
            case NEW -> upsertResource(connection, id, serviceId, raw);
            case OVERFLOW -> {
                byte[] overflowRaw = DetailCodec.encodeResourceRaw(w, OVERFLOW_RESOURCE);
                id = Hashing.hash(overflowRaw);
                storedResources.admitAlways(id, nowNanos);
                upsertResource(connection, id, serviceId, overflowRaw);
            }
        }
        return id;
    }

    private void upsertResource(Connection connection, long id, int serviceId, byte[] raw) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                dialect.upsert("resources", List.of("resource_id"), List.of("service_id", "detail")))) {
            upsert.setLong(1, id);
            upsert.setInt(2, serviceId);
            upsert.setBytes(3, Compression.pack(raw, raw.length));
            upsert.executeUpdate();
        }
    }

    /**
     * The metric row of a point's metric, inserting it in the writer's transaction when new; null when it is new
     * and the metrics table is full (the point is dropped and counted).
     */
    MetricRow metricForWrite(Connection connection, int serviceId, MetricPoint point, long nowNanos) throws SQLException {
        MetricKey key = new MetricKey(serviceId, InsertSpans.truncate(point.name(), 1024));
        MetricRow row = metrics.get(key);
        if (row == null) {
            row = pendingMetrics.get(key);
        }
        if (row == null) {
            row = loadMetric(connection, key);
            if (row != null) {
                metrics.put(key, row);
            }
        }
        if (row == null && metricCount(connection) >= limits.metrics()) {
            metricsOverflow.add(key.name());
            return null;
        }
        if (row == null) {
            if (nextMetricId < 0) {
                try (PreparedStatement max = connection.prepareStatement("SELECT MAX(metric_id) FROM metrics");
                     ResultSet rs = max.executeQuery()) {
                    rs.next();
                    nextMetricId = rs.getInt(1) + 1;
                }
            }
            row = new MetricRow(nextMetricId++, serviceId, key.name(), point.type(), point.temporality(),
                    point.monotonic(), InsertSpans.truncate(point.unit(), 256), InsertSpans.truncate(point.description(), 4096));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metrics (metric_id, service_id, metric_name, metric_type, temporality, monotonic, unit, description)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setInt(1, row.metricId());
                insert.setInt(2, serviceId);
                insert.setString(3, row.name());
                insert.setInt(4, row.type().ordinal());
                insert.setInt(5, row.temporality().ordinal());
                insert.setBoolean(6, row.monotonic());
                insert.setString(7, row.unit());
                insert.setString(8, row.description());
                insert.executeUpdate();
            }
            pendingMetrics.put(key, row);
        }
        metricsSeen.touch(row.metricId(), nowNanos);
        return row;
    }

    private int metricCount(Connection connection) throws SQLException {
        if (metricCount < 0) {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM metrics");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                metricCount = rs.getInt(1);
            }
        }
        return metricCount + pendingMetrics.size();
    }

    private static MetricRow loadMetric(Connection connection, MetricKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT metric_id, metric_type, temporality, monotonic, unit, description FROM metrics"
                        + " WHERE service_id = ? AND metric_name = ?")) {
            select.setInt(1, key.serviceId());
            select.setString(2, key.name());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new MetricRow(rs.getInt(1), key.serviceId(), key.name(),
                        MetricType.values()[rs.getInt(2)], AggregationTemporality.values()[rs.getInt(3)],
                        rs.getBoolean(4), rs.getString(5), rs.getString(6)) : null;
            }
        }
    }

    /**
     * The id (content hash) of a metric series, storing it in the writer's transaction when new; beyond the limit,
     * the id of the metric's overflow series ({@code otel.metric.overflow=true}, as the OpenTelemetry SDK does).
     */
    long seriesIdForWrite(Connection connection, DetailWriter w, int metricId, long resourceId,
                          Attributes attributes, long nowNanos) throws SQLException {
        byte[] raw = DetailCodec.encodeAttributesRaw(w, attributes);
        long id = seriesId(metricId, resourceId, raw);
        switch (storedSeries.admit(connection, id, nowNanos, attributes.values().keySet())) {
            case KNOWN -> {
                return id;
            }
            case NEW -> upsertSeries(connection, id, metricId, resourceId, raw);
            case OVERFLOW -> {
                byte[] overflowRaw = DetailCodec.encodeAttributesRaw(w, OVERFLOW_SERIES);
                id = seriesId(metricId, resourceId, overflowRaw);
                storedSeries.admitAlways(id, nowNanos);
                upsertSeries(connection, id, metricId, resourceId, overflowRaw);
            }
        }
        return id;
    }

    private static final Resource OVERFLOW_RESOURCE = new Resource(Attributes.of(Map.of("meridian.overflow", Boolean.TRUE)), 0);

    private static final Attributes OVERFLOW_SERIES =
            Attributes.of(Map.of("otel.metric.overflow", Boolean.TRUE));

    private static long seriesId(int metricId, long resourceId, byte[] raw) {
        byte[] keyed = new byte[raw.length + 12];
        System.arraycopy(raw, 0, keyed, 12, raw.length);
        for (int i = 0; i < 4; i++) {
            keyed[i] = (byte) (metricId >>> (8 * i));
        }
        for (int i = 0; i < 8; i++) {
            keyed[4 + i] = (byte) (resourceId >>> (8 * i));
        }
        return Hashing.hash(keyed);
    }

    private void upsertSeries(Connection connection, long id, int metricId, long resourceId, byte[] raw) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                dialect.upsert("metric_series", List.of("series_id"), List.of("metric_id", "resource_id", "detail")))) {
            upsert.setLong(1, id);
            upsert.setInt(2, metricId);
            upsert.setLong(3, resourceId);
            upsert.setBytes(4, Compression.pack(raw, raw.length));
            upsert.executeUpdate();
        }
    }

    /** Writes the last-seen times of the entries this transaction used; call just before its commit. */
    void flush(Connection connection) throws SQLException {
        services.flush(connection);
        spanNames.flush(connection);
        storedResources.flush(connection);
        storedSeries.flush(connection);
        metricsSeen.flush(connection);
    }

    /**
     * Deletes the entries last used before {@code cutoffNanos} in the writer's transaction; returns what
     * {@link #forget} needs once it committed. Writer thread only (the writer holds its lock).
     */
    Unseen deleteUnseenBefore(Connection connection, long cutoffNanos, long nowNanos) throws SQLException {
        return new Unseen(services.forgetUnseenBefore(connection, cutoffNanos, nowNanos),
                spanNames.forgetUnseenBefore(connection, cutoffNanos, nowNanos),
                storedResources.forgetUnseenBefore(connection, cutoffNanos, nowNanos),
                metricsSeen.deleteUnseenBefore(connection, cutoffNanos, nowNanos),
                storedSeries.forgetUnseenBefore(connection, cutoffNanos, nowNanos));
    }

    /** Entries deleted by {@link #deleteUnseenBefore}. */
    record Unseen(List<Integer> services, List<Integer> spanNames, List<Long> resources, List<Long> metrics,
                  List<Long> series) {
        int size() {
            return services.size() + spanNames.size() + resources.size() + metrics.size() + series.size();
        }
    }

    /** Drops deleted entries from every cache, after the deleting transaction committed. */
    void forget(Unseen unseen) {
        services.forget(unseen.services());
        spanNames.forget(unseen.spanNames());
        storedResources.forget(unseen.resources());
        unseen.resources().forEach(resources::remove);
        Set<Long> metricIds = new HashSet<>(unseen.metrics());
        metrics.values().removeIf(row -> metricIds.contains((long) row.metricId()));
        metricsSeen.forget(unseen.metrics());
        metricCount = -1;
        storedSeries.forget(unseen.series());
    }

    void commit() {
        services.commit();
        spanNames.commit();
        storedResources.commit();
        storedSeries.commit();
        if (metricCount >= 0) {
            metricCount += pendingMetrics.size();
        }
        metrics.putAll(pendingMetrics);
        pendingMetrics.clear();
        metricsSeen.commit();
    }

    void rollback() {
        services.rollback();
        spanNames.rollback();
        storedResources.rollback();
        storedSeries.rollback();
        pendingMetrics.clear();
        metricsSeen.rollback();
        metricCount = -1;
        nextMetricId = -1;
    }
}
