package dev.meridian.query;

import dev.meridian.telemetry.LogRecord;
import java.util.List;

public interface LogQueries {

    /** At most {@code search.limit()} records, newest first. */
    List<LogRecord> search(LogSearch search);
}
