package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.AggregationTemporality;
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
 */
public final class Dictionaries {

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final NameDictionary services;
    private final NameDictionary spanNames;
    private final Set<Long> knownResources = ConcurrentHashMap.newKeySet();
    private final Set<Long> pendingResources = new HashSet<>();
    private final Map<Long, Resource> resources = new ConcurrentHashMap<>();
    private final Set<Long> knownSeries = ConcurrentHashMap.newKeySet();
    private final Set<Long> pendingSeries = new HashSet<>();
    private final Map<MetricKey, MetricRow> metrics = new ConcurrentHashMap<>();
    private final Map<MetricKey, MetricRow> pendingMetrics = new HashMap<>();
    private int nextMetricId = -1;
    private final CompressionDictionaries compression;

    /** A metric's dictionary row. */
    public record MetricRow(int metricId, int serviceId, String name, MetricType type,
                            AggregationTemporality temporality, boolean monotonic, String unit, String description) {
    }

    private record MetricKey(int serviceId, String name) {
    }

    public Dictionaries(DataSource dataSource, SqlDialect dialect) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dialect = dialect;
        this.compression = new CompressionDictionaries(dataSource);
        this.services = new NameDictionary(dataSource, "services", "service_id", "service_name", 512);
        this.spanNames = new NameDictionary(dataSource, "span_names", "name_id", "span_name", 1024);
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

    /** The id (content hash) of a resource, storing it in the writer's transaction when new. */
    long resourceIdForWrite(Connection connection, DetailWriter w, Resource resource, int serviceId) throws SQLException {
        byte[] raw = DetailCodec.encodeResourceRaw(w, resource);
        long id = Hashing.hash(raw);
        if (!knownResources.contains(id) && pendingResources.add(id)) {
            try (PreparedStatement upsert = connection.prepareStatement(
                    dialect.upsert("resources", List.of("resource_id"), List.of("service_id", "detail")))) {
                upsert.setLong(1, id);
                upsert.setInt(2, serviceId);
                upsert.setBytes(3, Compression.pack(raw, raw.length));
                upsert.executeUpdate();
            }
        }
        return id;
    }

    /** The metric row of a point's metric, inserting it in the writer's transaction when new. */
    MetricRow metricForWrite(Connection connection, int serviceId, MetricPoint point) throws SQLException {
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
        return row;
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

    /** The id (content hash) of a metric series, storing it in the writer's transaction when new. */
    long seriesIdForWrite(Connection connection, DetailWriter w, int metricId, long resourceId,
                          dev.meridian.telemetry.Attributes attributes) throws SQLException {
        byte[] raw = DetailCodec.encodeAttributesRaw(w, attributes);
        byte[] keyed = new byte[raw.length + 12];
        System.arraycopy(raw, 0, keyed, 12, raw.length);
        for (int i = 0; i < 4; i++) {
            keyed[i] = (byte) (metricId >>> (8 * i));
        }
        for (int i = 0; i < 8; i++) {
            keyed[4 + i] = (byte) (resourceId >>> (8 * i));
        }
        long id = Hashing.hash(keyed);
        if (!knownSeries.contains(id) && pendingSeries.add(id)) {
            try (PreparedStatement upsert = connection.prepareStatement(
                    dialect.upsert("metric_series", List.of("series_id"), List.of("metric_id", "resource_id", "detail")))) {
                upsert.setLong(1, id);
                upsert.setInt(2, metricId);
                upsert.setLong(3, resourceId);
                upsert.setBytes(4, Compression.pack(raw, raw.length));
                upsert.executeUpdate();
            }
        }
        return id;
    }

    void commit() {
        services.commit();
        spanNames.commit();
        knownResources.addAll(pendingResources);
        pendingResources.clear();
        knownSeries.addAll(pendingSeries);
        pendingSeries.clear();
        metrics.putAll(pendingMetrics);
        pendingMetrics.clear();
    }

    void rollback() {
        services.rollback();
        spanNames.rollback();
        pendingResources.clear();
        pendingSeries.clear();
        pendingMetrics.clear();
        nextMetricId = -1;
    }
}
