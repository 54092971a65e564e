package dev.meridian.query.jdbc;

import dev.meridian.query.QueryLimits;
import dev.meridian.query.ResourceAttributeValues;
import dev.meridian.storage.jdbc.DetailCodec;
import dev.meridian.telemetry.TimeRange;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;

/**
 * Resource attribute values from the {@code resources} dictionary (one row per distinct resource, typically
 * one per process), not from spans: a picker's options cost one small scan whatever the span volume. Rows
 * whose {@code last_seen_ns} is before the window (less the hour the writer lets it lag) are skipped; at most
 * {@link #MAX_RESOURCES} rows are decoded, most recently used first (never-stamped rows last, on H2 and
 * PostgreSQL alike), read in the order of the V19 index.
 */
public class JdbcResourceAttributeValues implements ResourceAttributeValues {

    /** Resources decoded per question at most; beyond, the least recently used are not looked at. */
    static final int MAX_RESOURCES = 5_000;
    /** How much {@code last_seen_ns} may lag behind the last use (storage.jdbc.LastSeen writes it hourly). */
    static final long LAST_SEEN_PRECISION_NANOS = 3_600_000_000_000L;

    private final DataSource dataSource;
    private final QueryLimits limits;
    private final int maxResources;

    public JdbcResourceAttributeValues(DataSource dataSource, QueryLimits limits) {
        this(dataSource, limits, MAX_RESOURCES);
    }

    JdbcResourceAttributeValues(DataSource dataSource, QueryLimits limits, int maxResources) {
        this.dataSource = dataSource;
        this.limits = limits;
        this.maxResources = maxResources;
    }

    @Override
    public List<String> values(String key, TimeRange range, int limit) {
        if (key == null || key.isBlank() || limit < 1) {
            return List.of();
        }
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            var jdbc = budget.jdbc();
            jdbc.setMaxRows(maxResources);
            TreeSet<String> values = new TreeSet<>();
            // NULLS LAST: PostgreSQL sorts NULLs (unused since before V13) first in DESC, H2 last; the FETCH FIRST
            // tells the planner the bound so it walks the V19 index (resources_last_seen) instead of sorting all
            jdbc.query("SELECT detail FROM resources WHERE last_seen_ns IS NULL OR last_seen_ns >= ?"
                            + " ORDER BY last_seen_ns DESC NULLS LAST FETCH FIRST " + maxResources + " ROWS ONLY",
                    rs -> {
                        String value = DetailCodec.decodeResource(rs.getBytes(1)).attributes().getString(key);
                        if (value != null && !value.isEmpty()) {
                            values.add(value);
                        }
                    }, range.startNanos() - LAST_SEEN_PRECISION_NANOS);
            return values.stream().limit(limit).toList();
        } catch (DataAccessException e) {
            throw budget.translate(e);
        }
    }

    @Override
    public String toString() {
        return "JdbcResourceAttributeValues[resources dictionary, at most " + MAX_RESOURCES + " rows]";
    }
}
