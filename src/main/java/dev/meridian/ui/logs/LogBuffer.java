package dev.meridian.ui.logs;

import dev.meridian.telemetry.LogRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The records the logs view shows, newest first, without duplicates, at most {@code capacity} of them
 * and at most {@code bodyBudget} characters of bodies (live tail drops the oldest; a page of older
 * records stops at either bound), so that what one tab holds stays bounded however long it is open. Pages of older records append at the end; live tail merges
 * newer ones in time order. Plain Java: the grid only renders {@link #rows()}.
 */
final class LogBuffer {

    private static final Comparator<LogRow> NEWEST_FIRST = Comparator.comparingLong(LogRow::timeNanos).reversed();

    private final int capacity;
    private final long bodyBudget;
    private final List<LogRow> rows = new ArrayList<>();
    private final Set<LogRow.Key> keys = new HashSet<>();
    private long bodyChars;
    private boolean truncated;

    LogBuffer(int capacity) {
        this(capacity, Long.MAX_VALUE);
    }

    LogBuffer(int capacity, long bodyBudget) {
        this.capacity = capacity;
        this.bodyBudget = bodyBudget;
    }

    /** Characters of bodies held now; never above the budget (unless one row alone exceeds it). */
    long bodyChars() {
        return bodyChars;
    }

    /** The list the grid renders; the same instance for the buffer's whole life. */
    List<LogRow> rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    /** Whether live tail dropped old rows to stay within capacity (then older pages cannot follow on). */
    boolean truncated() {
        return truncated;
    }

    void clear() {
        rows.clear();
        keys.clear();
        bodyChars = 0;
        truncated = false;
    }

    /** A page of older records (newest first) below what is shown; returns how many were new. */
    int appendOlder(List<LogRecord> page) {
        int added = 0;
        for (LogRecord record : page) {
            if (rows.size() >= capacity) {
                break;
            }
            LogRow row = new LogRow(record, false);
            if (!rows.isEmpty() && bodyChars + row.bodyChars() > bodyBudget) {
                truncated = true; // full: older pages cannot follow on
                break;
            }
            if (keys.add(row.key())) {
                rows.add(row);
                bodyChars += row.bodyChars();
                added++;
            }
        }
        return added;
    }

    /**
     * Records from a live-tail poll, in any order, possibly overlapping what is shown: the new ones
     * are marked fresh (the previous fresh ones settle), merged in time order, and the oldest rows
     * beyond capacity dropped. Returns how many were new.
     */
    int mergeNewer(List<LogRecord> records) {
        rows.forEach(LogRow::settle);
        int added = 0;
        for (LogRecord record : records) {
            LogRow row = new LogRow(record, true);
            if (keys.add(row.key())) {
                rows.add(row);
                bodyChars += row.bodyChars();
                added++;
            }
        }
        if (added > 0) {
            rows.sort(NEWEST_FIRST);
            while (rows.size() > capacity || (bodyChars > bodyBudget && rows.size() > 1)) {
                LogRow dropped = rows.removeLast();
                keys.remove(dropped.key());
                bodyChars -= dropped.bodyChars();
                truncated = true;
            }
        }
        return added;
    }

    OptionalLong oldestNanos() {
        return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(rows.getLast().timeNanos());
    }

    OptionalLong newestNanos() {
        return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(rows.getFirst().timeNanos());
    }
}
