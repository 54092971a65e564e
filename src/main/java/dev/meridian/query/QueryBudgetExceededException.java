package dev.meridian.query;

import java.time.Duration;

/**
 * A query ran past its time budget ({@link QueryLimits#timeout()}) and has no meaningful partial answer: the
 * caller should narrow the window or add filters. It is the question's fault, not the server's (the API answers
 * 422, not 5xx).
 */
public class QueryBudgetExceededException extends RuntimeException {

    private final Duration budget;

    public QueryBudgetExceededException(Duration budget, Throwable cause) {
        super("the query ran past its time budget of " + budget.toMillis() / 1000.0 + " s: narrow the time window or add filters",
                cause);
        this.budget = budget;
    }

    public Duration budget() {
        return budget;
    }
}
