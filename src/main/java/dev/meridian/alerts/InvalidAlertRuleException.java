package dev.meridian.alerts;

import java.util.List;

/** A rule that cannot be stored; {@link #problems()} names every problem found. */
public class InvalidAlertRuleException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidAlertRuleException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
