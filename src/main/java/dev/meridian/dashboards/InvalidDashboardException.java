package dev.meridian.dashboards;

import java.util.List;

/**
 * A dashboard definition that cannot be stored: malformed JSON, an unknown query kind, a missing title…
 * The message names every problem, ready to show to a user.
 */
public class InvalidDashboardException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidDashboardException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidDashboardException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
