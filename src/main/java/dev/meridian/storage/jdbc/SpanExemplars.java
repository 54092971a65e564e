package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exemplars of one written batch, per cell (service, span name, minute), per (service, minute) and per
 * minute, merged into {@code span_exemplars} in the writer's transaction by read-merge-write. Like
 * {@link RedRollups}, that is safe because there is one writer and the merge commits with the spans: a crash
 * keeps both or neither.
 */
final class SpanExemplars {

    /** {@code service_id} / {@code name_id} of the cells that span every service / every name. */
    static final int ALL = -1;

    record Cell(int serviceId, int nameId, long minute) {
    }

    private final Map<Cell, ExemplarCell> cells = new HashMap<>();

    void add(Span span, long key, int serviceId, int nameId) {
        long minute = RedRollups.minuteOf(span.startNanos());
        ExemplarCell.SpanRef ref = new ExemplarCell.SpanRef(key, span.startNanos(), span.durationNanos(),
                span.status().isError());
        cell(serviceId, nameId, minute).add(ref);
        cell(serviceId, ALL, minute).add(ref);
        cell(ALL, ALL, minute).add(ref);
    }

    private ExemplarCell cell(int serviceId, int nameId, long minute) {
        return cells.computeIfAbsent(new Cell(serviceId, nameId, minute), k -> new ExemplarCell());
    }

    void merge(Connection connection, SqlDialect dialect) throws SQLException {
        if (cells.isEmpty()) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT exemplars FROM span_exemplars"
                + " WHERE service_id = ? AND name_id = ? AND bucket_minute = ?");
             PreparedStatement upsert = connection.prepareStatement(dialect.upsert("span_exemplars",
                     List.of("service_id", "name_id", "bucket_minute"), List.of("span_count", "error_count", "exemplars")))) {
            for (Map.Entry<Cell, ExemplarCell> entry : cells.entrySet()) {
                Cell cell = entry.getKey();
                ExemplarCell merged = entry.getValue();
                select.setInt(1, cell.serviceId());
                select.setInt(2, cell.nameId());
                select.setLong(3, cell.minute());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        merged.merge(ExemplarCell.decode(rs.getBytes(1)));
                    }
                }
                upsert.setInt(1, cell.serviceId());
                upsert.setInt(2, cell.nameId());
                upsert.setLong(3, cell.minute());
                upsert.setLong(4, merged.spanCount());
                upsert.setLong(5, merged.errorCount());
                upsert.setBytes(6, merged.encode());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
