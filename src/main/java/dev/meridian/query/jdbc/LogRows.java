package dev.meridian.query.jdbc;

import dev.meridian.query.LogQueries;
import dev.meridian.storage.jdbc.DetailCodec;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TraceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;

/** Turns log rows back into telemetry records (span runs: {@link SpanRunRows}). */
final class LogRows {

    static final String LOG_COLUMNS = "log_key, event_time_ns, observed_ns, service_id, severity_number, severity_text,"
            + " trace_hi, trace_lo, span_id, body, resource_id, detail";

    /**
     * {@link #LOG_COLUMNS} with the body cut by the database and a {@code body_cut} flag: two parameters, both
     * the maximum body length in characters.
     */
    static final String LOG_COLUMNS_CUT_BODY = "log_key, event_time_ns, observed_ns, service_id, severity_number,"
            + " severity_text, trace_hi, trace_lo, span_id, SUBSTRING(body FROM 1 FOR ?) AS body,"
            + " CASE WHEN CHAR_LENGTH(body) > ? THEN 1 ELSE 0 END AS body_cut, resource_id, detail";

    private LogRows() {
    }

    static RowMapper<LogRecord> logMapper(Dictionaries dictionaries) {
        return (rs, row) -> log(rs, dictionaries, false);
    }

    /**
     * Rows of {@link #LOG_COLUMNS_CUT_BODY}: a cut body is the first characters of its text, structured or not
     * (a structured body's text column holds its JSON).
     */
    static RowMapper<LogQueries.LogPage.Hit> cutLogMapper(Dictionaries dictionaries) {
        return (rs, row) -> {
            boolean cut = rs.getInt("body_cut") == 1;
            return new LogQueries.LogPage.Hit(log(rs, dictionaries, cut), cut);
        };
    }

    private static LogRecord log(ResultSet rs, Dictionaries dictionaries, boolean cutBody) throws SQLException {
        DetailCodec.LogDetail detail = DetailCodec.decodeLog(rs.getBytes("detail"), dictionaries.compression());
        Object body = detail.structuredBody() && !cutBody ? detail.body() : rs.getString("body");
        return new LogRecord(dictionaries.resource(rs.getLong("resource_id")), detail.scope(),
                rs.getLong("event_time_ns"), rs.getLong("observed_ns"), rs.getInt("severity_number"),
                nullToEmpty(rs.getString("severity_text")), body, detail.attributes(),
                detail.droppedAttributesCount(), detail.flags(),
                new TraceId(rs.getLong("trace_hi"), rs.getLong("trace_lo")), new SpanId(rs.getLong("span_id")),
                detail.eventName());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
