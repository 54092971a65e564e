package dev.meridian.query.jdbc;

import dev.meridian.query.LogQueries;
import dev.meridian.query.LogSearch;
import dev.meridian.query.QueryBudgetExceededException;
import dev.meridian.query.QueryLimits;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.RowKeys;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;

/**
 * Log search, newest first. The window is read backwards in time slices (one minute, then doubling)
 * so that "the newest 100" of a busy hour reads only the last minutes instead of sorting the hour.
 * With a trace id the {@code logs_trace} index answers directly.
 *
 * <p>Bounded ({@link QueryLimits}): the slices together run within the time budget; when it is spent the
 * records found so far (the newest of the window) are the answer, marked partial; a search by trace id (one
 * statement) fails with {@link QueryBudgetExceededException} instead; bodies are cut to {@code maxLogBodyChars} by the database, so a
 * megabyte body never reaches the heap whole.
 */
public class JdbcLogQueries implements LogQueries {

    static final int MAX_LIMIT = 5000;
    private static final long FIRST_SLICE_NANOS = 60_000_000_000L;

    private final DataSource dataSource;
    private final Dictionaries dictionaries;
    private final QueryLimits limits;

    public JdbcLogQueries(DataSource dataSource, Dictionaries dictionaries) {
        this(dataSource, dictionaries, QueryLimits.DEFAULTS);
    }

    public JdbcLogQueries(DataSource dataSource, Dictionaries dictionaries, QueryLimits limits) {
        this.dataSource = dataSource;
        this.dictionaries = dictionaries;
        this.limits = limits;
    }

    @Override
    public List<LogRecord> search(LogSearch search) {
        return page(search).records();
    }

    @Override
    public LogPage page(LogSearch search) {
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        int limit = search.limit() <= 0 ? 100 : Math.min(search.limit(), MAX_LIMIT);
        TimeRange range = search.range() != null ? search.range() : new TimeRange(0, Long.MAX_VALUE);
        long end = search.beforeNanos() != null ? Math.min(range.endNanos(), search.beforeNanos()) : range.endNanos();
        if (end <= range.startNanos()) {
            return new LogPage(List.of(), false);
        }
        Integer serviceId = null;
        if (search.service() != null) {
            serviceId = dictionaries.services().find(search.service()).orElse(null);
            if (serviceId == null) {
                return new LogPage(List.of(), false);
            }
        }
        if (search.traceId() != null) {
            try {
                return new LogPage(query(budget, search, serviceId, new TimeRange(range.startNanos(), end), limit), false);
            } catch (DataAccessException e) {
                throw budget.translate(e);
            }
        }
        List<LogPage.Hit> result = new ArrayList<>();
        long slice = FIRST_SLICE_NANOS;
        while (result.size() < limit && end > range.startNanos()) {
            long sliceStart = end - slice < range.startNanos() || end - slice > end ? range.startNanos() : end - slice;
            try {
                if (budget.spent()) {
                    return new LogPage(result, true);
                }
                result.addAll(query(budget, search, serviceId, new TimeRange(sliceStart, end), limit - result.size()));
            } catch (QueryBudgetExceededException e) {
                return new LogPage(result, true);
            } catch (DataAccessException e) {
                if (ReadBudget.isTimeout(e)) {
                    // newest first: what was found is the newest part of the answer, and says so
                    return new LogPage(result, true);
                }
                throw e;
            }
            end = sliceStart;
            slice = slice > Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 2 : slice * 2;
        }
        return new LogPage(result, false);
    }

    private List<LogPage.Hit> query(ReadBudget budget, LogSearch search, Integer serviceId, TimeRange window, int limit) {
        // the body column cut in the database, plus whether it was cut: bodies of a result stay small on the heap
        Sql sql = new Sql().append("SELECT " + LogRows.LOG_COLUMNS_CUT_BODY + " FROM logs WHERE ",
                limits.maxLogBodyChars(), limits.maxLogBodyChars());
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
        return budget.jdbc().query(sql.text(), LogRows.cutLogMapper(dictionaries), sql.parameters());
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
