package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.MetricValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Inserts a batch of metric points as one JDBC batch. */
final class InsertMetricPoints {

    private static final String INSERT = "INSERT INTO metric_points (point_key, series_id, start_ns, time_ns, num_value,"
            + " point_count, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

    record Row(MetricPoint point, long key, long seriesId) {
    }

    void execute(Connection connection, DetailWriter detail, List<Row> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Row row : rows) {
                MetricPoint point = row.point();
                insert.setLong(1, row.key());
                insert.setLong(2, row.seriesId());
                insert.setLong(3, point.startNanos());
                insert.setLong(4, point.timeNanos());
                Double value = null;
                Long count = null;
                switch (point.value()) {
                    case MetricValue.Number n -> value = n.value();
                    case MetricValue.Histogram h -> {
                        value = h.sum();
                        count = h.count();
                    }
                    case MetricValue.ExponentialHistogram e -> {
                        value = e.sum();
                        count = e.count();
                    }
                    case MetricValue.Summary s -> {
                        value = s.sum();
                        count = s.count();
                    }
                }
                if (value == null) {
                    insert.setNull(5, Types.DOUBLE);
                } else {
                    insert.setDouble(5, value);
                }
                if (count == null) {
                    insert.setNull(6, Types.BIGINT);
                } else {
                    insert.setLong(6, count);
                }
                insert.setBytes(7, DetailCodec.encodePoint(detail, point.value(), point.exemplars(), point.flags()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public String toString() {
        return INSERT;
    }
}
