package dev.meridian.query.jdbc;

import dev.meridian.query.QueryBudgetExceededException;
import dev.meridian.query.QueryLimits;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The time budget of ONE query, started when the query starts: every statement it runs gets the time that
 * is left as its JDBC query timeout ({@link java.sql.Statement#setQueryTimeout}, which H2 and PostgreSQL
 * both enforce by cancelling the statement), and at most {@link QueryLimits#maxRows()} rows. So a query of
 * many statements (slices, rounds) is bounded as a whole, not per statement. Not thread-safe: one per query.
 */
final class ReadBudget {

    private final DataSource dataSource;
    private final QueryLimits limits;
    private final long deadline;

    private ReadBudget(DataSource dataSource, QueryLimits limits) {
        this.dataSource = dataSource;
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    static ReadBudget start(DataSource dataSource, QueryLimits limits) {
        return new ReadBudget(dataSource, limits);
    }

    /** Whether the budget is spent: a loop of statements stops here and answers what it has (or fails). */
    boolean spent() {
        return System.nanoTime() >= deadline;
    }

    /** The nanoTime at which the budget is spent. */
    long deadline() {
        return deadline;
    }

    /**
     * A template for the next statement, with the time that is left (whole seconds, at least one: JDBC's unit).
     *
     * @throws QueryBudgetExceededException when nothing is left
     */
    JdbcTemplate jdbc() {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw exceeded(null);
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999_999L) / 1_000_000_000L)));
        jdbc.setMaxRows(limits.maxRows());
        return jdbc;
    }

    QueryBudgetExceededException exceeded(Throwable cause) {
        return new QueryBudgetExceededException(limits.timeout(), cause);
    }

    /**
     * Whether a failure is the budget running out: a statement cancelled by its timeout (H2: SQLTimeoutException;
     * PostgreSQL: SQLState 57014), or no connection of the readers' pool free within the budget (other queries
     * hold them all: Hikari's SQLTransientConnectionException).
     */
    static boolean isTimeout(DataAccessException e) {
        if (e instanceof org.springframework.dao.QueryTimeoutException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTimeoutException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLException s && "57014".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Rethrows a statement timeout as {@link QueryBudgetExceededException}, anything else as it is. */
    RuntimeException translate(DataAccessException e) {
        return isTimeout(e) ? exceeded(e) : e;
    }
}
