package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The RED rollups of one written batch: aggregated in memory per (service, minute, operation, kind),
 * then merged into {@code red_rollup} (per operation) and {@code service_rollup} (per service: all spans
 * counted, plus RED of its requests) in the writer's transaction.
 *
 * <p>The merge is read-merge-write: read the stored row, add the batch's figures, upsert the sum.
 * That is safe because a single writer thread does all writes ({@link JdbcTelemetryWriter} holds a
 * lock around each batch), and because it runs in the same transaction as the span inserts, a crash
 * mid-batch loses both or neither: rollups never count a span twice or miss a stored one.
 */
final class RedRollups {

    static final long NANOS_PER_MINUTE = 60_000_000_000L;

    record Key(int serviceId, long minute, int operationId, int kind) {
    }

    static final class Aggregate {
        long requests;
        long errors;
        long durationSumNanos;
        long statusOk;
        long status4xx;
        long status5xx;
        Histogram histogram = HistogramCodec.newHistogram();

        void add(Aggregate other) {
            requests += other.requests;
            errors += other.errors;
            durationSumNanos += other.durationSumNanos;
            statusOk += other.statusOk;
            status4xx += other.status4xx;
            status5xx += other.status5xx;
            histogram.add(other.histogram);
        }
    }

    private record ServiceMinute(int serviceId, long minute) {
    }

    private final Map<Key, Aggregate> red = new HashMap<>();
    private final Map<ServiceMinute, ServiceAggregate> services = new HashMap<>();

    /** Per service and minute: every span counted, and the RED figures of its requests. */
    static final class ServiceAggregate {
        long spans;
        long requests;
        long errors;
        Histogram histogram = HistogramCodec.newHistogram();
    }

    static long minuteOf(long epochNanos) {
        return Math.floorDiv(epochNanos, NANOS_PER_MINUTE);
    }

    /** Counts the span; entry spans (SERVER/CONSUMER) and root spans are requests of their operation. */
    void add(Span span, int serviceId, int nameId) {
        long minute = minuteOf(span.startNanos());
        ServiceAggregate service = services.computeIfAbsent(new ServiceMinute(serviceId, minute), k -> new ServiceAggregate());
        service.spans++;
        if (!span.kind().isEntry() && !span.isRoot()) {
            return;
        }
        service.requests++;
        if (span.status().isError()) {
            service.errors++;
        }
        service.histogram.recordValue(span.durationNanos() / 1000);
        Aggregate aggregate = red.computeIfAbsent(new Key(serviceId, minute, nameId, span.kind().otlpNumber()),
                k -> new Aggregate());
        aggregate.requests++;
        if (span.status().isError()) {
            aggregate.errors++;
        }
        aggregate.durationSumNanos += span.durationNanos();
        aggregate.histogram.recordValue(span.durationNanos() / 1000);
        Integer status = httpStatus(span);
        if (status != null) {
            if (status >= 500) {
                aggregate.status5xx++;
            } else if (status >= 400) {
                aggregate.status4xx++;
            } else {
                aggregate.statusOk++;
            }
        }
    }

    void merge(Connection connection, SqlDialect dialect) throws SQLException {
        if (!red.isEmpty()) {
            mergeRed(connection, dialect);
        }
        if (!services.isEmpty()) {
            mergeServices(connection, dialect);
        }
    }

    private void mergeRed(Connection connection, SqlDialect dialect) throws SQLException {
        Set<ServiceMinute> groups = new HashSet<>();
        red.keySet().forEach(k -> groups.add(new ServiceMinute(k.serviceId(), k.minute())));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT operation_id, kind, request_count, error_count, duration_sum_ns, status_ok, status_4xx,"
                        + " status_5xx, histogram FROM red_rollup WHERE service_id = ? AND bucket_minute = ?")) {
            for (ServiceMinute group : groups) {
                select.setInt(1, group.serviceId());
                select.setLong(2, group.minute());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Aggregate batch = red.get(new Key(group.serviceId(), group.minute(), rs.getInt(1), rs.getInt(2)));
                        if (batch != null) {
                            Aggregate stored = new Aggregate();
                            stored.requests = rs.getLong(3);
                            stored.errors = rs.getLong(4);
                            stored.durationSumNanos = rs.getLong(5);
                            stored.statusOk = rs.getLong(6);
                            stored.status4xx = rs.getLong(7);
                            stored.status5xx = rs.getLong(8);
                            stored.histogram = HistogramCodec.decode(rs.getBytes(9));
                            batch.add(stored);
                        }
                    }
                }
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                dialect.upsert("red_rollup", RollupRows.RED_KEYS, RollupRows.RED_VALUES))) {
            for (Map.Entry<Key, Aggregate> entry : red.entrySet()) {
                Key key = entry.getKey();
                Aggregate a = entry.getValue();
                RollupRows.bindRed(upsert, key.serviceId(), key.minute(), key.operationId(), key.kind(), a.requests, a.errors,
                        a.durationSumNanos, a.statusOk, a.status4xx, a.status5xx, a.histogram);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private void mergeServices(Connection connection, SqlDialect dialect) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT span_count, request_count, error_count, histogram FROM service_rollup"
                        + " WHERE service_id = ? AND bucket_minute = ?");
             PreparedStatement upsert = connection.prepareStatement(
                     dialect.upsert("service_rollup", RollupRows.SERVICE_KEYS, RollupRows.SERVICE_VALUES))) {
            for (Map.Entry<ServiceMinute, ServiceAggregate> entry : services.entrySet()) {
                ServiceMinute key = entry.getKey();
                ServiceAggregate a = entry.getValue();
                select.setInt(1, key.serviceId());
                select.setLong(2, key.minute());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        a.spans += rs.getLong(1);
                        a.requests += rs.getLong(2);
                        a.errors += rs.getLong(3);
                        byte[] stored = rs.getBytes(4);
                        if (stored != null) {
                            a.histogram.add(HistogramCodec.decode(stored));
                        }
                    }
                }
                RollupRows.bindService(upsert, key.serviceId(), key.minute(), a.spans, a.requests, a.errors, a.histogram);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** The span's HTTP response status code, from the current or the former semantic-convention key. */
    static Integer httpStatus(Span span) {
        Long status = span.attributes().getLong("http.response.status_code");
        if (status == null) {
            status = span.attributes().getLong("http.status_code");
        }
        return status == null || status < 0 || status > 999 ? null : status.intValue();
    }
}
