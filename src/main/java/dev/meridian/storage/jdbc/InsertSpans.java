package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;

/** Inserts a batch of spans, and their allow-listed attributes into the side index, as JDBC batches. */
final class InsertSpans {

    private static final String INSERT_SPAN = "INSERT INTO spans (span_key, trace_hi, trace_lo, span_id, parent_span_id,"
            + " service_id, name_id, kind, start_ns, end_ns, duration_ns, status_code, status_message, http_route,"
            + " http_status, resource_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ATTRIBUTE = "INSERT INTO span_attributes (attr_hash, span_key) VALUES (?, ?)";

    private final Set<String> indexedKeys;

    InsertSpans(Set<String> indexedKeys) {
        this.indexedKeys = Set.copyOf(indexedKeys);
    }

    /** A span with the ids the writer resolved for it. */
    record Row(Span span, long key, int serviceId, int nameId, long resourceId) {
    }

    void execute(Connection connection, DetailWriter detail, CompressionDictionaries compression, List<Row> rows)
            throws SQLException {
        try (PreparedStatement spans = connection.prepareStatement(INSERT_SPAN);
             PreparedStatement attributes = connection.prepareStatement(INSERT_ATTRIBUTE)) {
            int attributeRows = 0;
            for (Row row : rows) {
                Span span = row.span();
                spans.setLong(1, row.key());
                spans.setLong(2, span.traceId().hi());
                spans.setLong(3, span.traceId().lo());
                spans.setLong(4, span.spanId().value());
                spans.setLong(5, span.parentSpanId().value());
                spans.setInt(6, row.serviceId());
                spans.setInt(7, row.nameId());
                spans.setInt(8, span.kind().otlpNumber());
                spans.setLong(9, span.startNanos());
                spans.setLong(10, span.endNanos());
                spans.setLong(11, span.durationNanos());
                spans.setInt(12, span.status().code().otlpNumber());
                spans.setString(13, truncate(span.status().message(), 4096));
                spans.setString(14, truncate(span.attributes().getString("http.route"), 1024));
                Integer httpStatus = httpStatus(span);
                if (httpStatus == null) {
                    spans.setNull(15, Types.INTEGER);
                } else {
                    spans.setInt(15, httpStatus);
                }
                spans.setLong(16, row.resourceId());
                spans.setBytes(17, DetailCodec.encodeSpan(detail, span, compression));
                spans.addBatch();
                for (String key : indexedKeys) {
                    String value = span.attributes().getString(key);
                    if (value != null) {
                        attributes.setLong(1, Hashing.attribute(key, value));
                        attributes.setLong(2, row.key());
                        attributes.addBatch();
                        attributeRows++;
                    }
                }
            }
            spans.executeBatch();
            if (attributeRows > 0) {
                attributes.executeBatch();
            }
        }
    }

    static Integer httpStatus(Span span) {
        Long status = span.attributes().getLong("http.response.status_code");
        if (status == null) {
            status = span.attributes().getLong("http.status_code");
        }
        return status == null || status < 0 || status > 999 ? null : status.intValue();
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public String toString() {
        return INSERT_SPAN;
    }
}
