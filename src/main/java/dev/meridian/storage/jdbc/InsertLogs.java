package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.LogRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Inserts a batch of log records as one JDBC batch. */
final class InsertLogs {

    private static final String INSERT = "INSERT INTO logs (log_key, time_ns, event_time_ns, observed_ns, service_id,"
            + " severity_number, severity_text, trace_hi, trace_lo, span_id, body, resource_id, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final int MAX_BODY = 1_000_000;

    record Row(LogRecord log, long key, int serviceId, long resourceId) {
    }

    void execute(Connection connection, DetailWriter detail, CompressionDictionaries compression, List<Row> rows)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Row row : rows) {
                LogRecord log = row.log();
                insert.setLong(1, row.key());
                insert.setLong(2, log.effectiveTimeNanos());
                insert.setLong(3, log.timeNanos());
                insert.setLong(4, log.observedTimeNanos());
                insert.setInt(5, row.serviceId());
                insert.setInt(6, log.severityNumber());
                insert.setString(7, InsertSpans.truncate(log.severityText(), 64));
                insert.setLong(8, log.traceId().hi());
                insert.setLong(9, log.traceId().lo());
                insert.setLong(10, log.spanId().value());
                insert.setString(11, InsertSpans.truncate(bodyText(log.body()), MAX_BODY));
                insert.setLong(12, row.resourceId());
                insert.setBytes(13, DetailCodec.encodeLog(detail, log, compression));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The body as searchable text: strings as they are, anything else in a JSON-like rendering. */
    static String bodyText(Object body) {
        return switch (body) {
            case null -> null;
            case String s -> s;
            case byte[] bytes -> java.util.HexFormat.of().formatHex(bytes);
            default -> String.valueOf(body);
        };
    }

    @Override
    public String toString() {
        return INSERT;
    }
}
