package dev.meridian.query;

import dev.meridian.telemetry.LogRecord;
import java.util.List;

public interface LogQueries {

    /** At most {@code search.limit()} records, newest first (bodies possibly cut, see {@link #page}). */
    List<LogRecord> search(LogSearch search);

    /**
     * {@link #search}, saying which bodies were cut to the body limit of results and whether the search looked
     * at only part of its window (it ran out of its time budget): then older records of the window may match.
     */
    default LogPage page(LogSearch search) {
        return new LogPage(search(search).stream().map(r -> new LogPage.Hit(r, false)).toList(), false);
    }

    /** Records newest first; {@code partial} when the search stopped before the start of its window. */
    record LogPage(List<Hit> hits, boolean partial) {

        public List<LogRecord> records() {
            return hits.stream().map(Hit::record).toList();
        }

        /** A record; {@code bodyTruncated} when its body is only the first characters of the stored one. */
        public record Hit(LogRecord record, boolean bodyTruncated) {
        }
    }
}
