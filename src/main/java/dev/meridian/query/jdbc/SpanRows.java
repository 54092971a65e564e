package dev.meridian.query.jdbc;

import dev.meridian.query.LogQueries;
import dev.meridian.storage.jdbc.DetailCodec;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TraceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;

/** Turns span and log rows back into telemetry records. */
final class SpanRows {

    static final String SPAN_COLUMNS = "span_key, trace_hi, trace_lo, span_id, parent_span_id, service_id, name_id, kind,"
            + " start_ns, end_ns, status_code, status_message, resource_id, detail";
    static final String LOG_COLUMNS = "log_key, event_time_ns, observed_ns, service_id, severity_number, severity_text,"
            + " trace_hi, trace_lo, span_id, body, resource_id, detail";

    /**
     * {@link #LOG_COLUMNS} with the body cut by the database and a {@code body_cut} flag: two parameters, both
     * the maximum body length in characters.
     */
    static final String LOG_COLUMNS_CUT_BODY = "log_key, event_time_ns, observed_ns, service_id, severity_number,"
            + " severity_text, trace_hi, trace_lo, span_id, SUBSTRING(body FROM 1 FOR ?) AS body,"
            + " CASE WHEN CHAR_LENGTH(body) > ? THEN 1 ELSE 0 END AS body_cut, resource_id, detail";

    /** {@link #SPAN_COLUMNS} of the table aliased {@code alias}. */
    static String spanColumns(String alias) {
        return java.util.Arrays.stream(SPAN_COLUMNS.split(", ")).map(c -> alias + "." + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private SpanRows() {
    }

    static RowMapper<Span> spanMapper(Dictionaries dictionaries) {
        return (rs, row) -> span(rs, dictionaries);
    }

    static Span span(ResultSet rs, Dictionaries dictionaries) throws SQLException {
        long start = rs.getLong("start_ns");
        DetailCodec.SpanDetail detail = DetailCodec.decodeSpan(rs.getBytes("detail"), start, dictionaries.compression());
        return new Span(dictionaries.resource(rs.getLong("resource_id")), detail.scope(),
                new TraceId(rs.getLong("trace_hi"), rs.getLong("trace_lo")), new SpanId(rs.getLong("span_id")),
                new SpanId(rs.getLong("parent_span_id")), detail.traceState(), detail.flags(),
                dictionaries.spanNames().name(rs.getInt("name_id")), SpanKind.fromOtlp(rs.getInt("kind")), start,
                rs.getLong("end_ns"), detail.attributes(), detail.droppedAttributesCount(), detail.events(),
                detail.droppedEventsCount(), detail.links(), detail.droppedLinksCount(),
                new SpanStatus(StatusCode.fromOtlp(rs.getInt("status_code")), nullToEmpty(rs.getString("status_message"))));
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
