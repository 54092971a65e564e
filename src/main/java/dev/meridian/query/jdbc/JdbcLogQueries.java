package dev.meridian.query.jdbc;

import dev.meridian.query.LogQueries;
import dev.meridian.query.LogSearch;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.RowKeys;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Log search, newest first. The window is read backwards in time slices (one minute, then doubling)
 * so that "the newest 100" of a busy hour reads only the last minutes instead of sorting the hour.
 * With a trace id the {@code logs_trace} index answers directly.
 */
public class JdbcLogQueries implements LogQueries {

    static final int MAX_LIMIT = 5000;
    private static final long FIRST_SLICE_NANOS = 60_000_000_000L;

    private final JdbcTemplate jdbc;
    private final Dictionaries dictionaries;

    public JdbcLogQueries(DataSource dataSource, Dictionaries dictionaries) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dictionaries = dictionaries;
    }

    @Override
    public List<LogRecord> search(LogSearch search) {
        int limit = search.limit() <= 0 ? 100 : Math.min(search.limit(), MAX_LIMIT);
        TimeRange range = search.range() != null ? search.range() : new TimeRange(0, Long.MAX_VALUE);
        long end = search.beforeNanos() != null ? Math.min(range.endNanos(), search.beforeNanos()) : range.endNanos();
        if (end <= range.startNanos()) {
            return List.of();
        }
        Integer serviceId = null;
        if (search.service() != null) {
            serviceId = dictionaries.services().find(search.service()).orElse(null);
            if (serviceId == null) {
                return List.of();
            }
        }
        if (search.traceId() != null) {
            return query(search, serviceId, new TimeRange(range.startNanos(), end), limit);
        }
        List<LogRecord> result = new ArrayList<>();
        long slice = FIRST_SLICE_NANOS;
        while (result.size() < limit && end > range.startNanos()) {
            long sliceStart = end - slice < range.startNanos() || end - slice > end ? range.startNanos() : end - slice;
            result.addAll(query(search, serviceId, new TimeRange(sliceStart, end), limit - result.size()));
            end = sliceStart;
            slice = slice > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 2 : slice * 2;
        }
        return result;
    }

    private List<LogRecord> query(LogSearch search, Integer serviceId, TimeRange window, int limit) {
        Sql sql = new Sql().append("SELECT " + SpanRows.LOG_COLUMNS + " FROM logs WHERE ");
        if (search.traceId() != null) {
            sql.append("trace_hi = ? AND trace_lo = ?", search.traceId().hi(), search.traceId().lo());
        } else if (serviceId != null) {
            sql.append("service_id = ?", serviceId);
        } else {
            sql.append("log_key >= ? AND log_key < ?", RowKeys.floorKey(window.startNanos()), RowKeys.ceilKey(window.endNanos()));
        }
        sql.append(" AND time_ns >= ? AND time_ns < ?", window.startNanos(), window.endNanos());
        if (serviceId != null && search.traceId() != null) {
            sql.append(" AND service_id = ?", serviceId);
        }
        if (search.minSeverity() != null) {
            sql.append(" AND severity_number >= ?", search.minSeverity());
        }
        if (search.spanId() != null) {
            sql.append(" AND span_id = ?", search.spanId().value());
        }
        if (search.text() != null && !search.text().isEmpty()) {
            sql.append(" AND LOWER(body) LIKE ? ESCAPE '\\'", "%" + escapeLike(search.text().toLowerCase(Locale.ROOT)) + "%");
        }
        sql.append(" ORDER BY time_ns DESC, log_key DESC LIMIT ?", limit);
        return jdbc.query(sql.text(), SpanRows.logMapper(dictionaries), sql.parameters());
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
