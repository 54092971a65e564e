package dev.meridian.dashboards;

import java.util.regex.Pattern;

/**
 * A dashboard variable: a picker at the top of the dashboard whose value replaces {@code $name} (or
 * {@code ${name}}) in the panels' queries and titles ({@link Variables}). {@code key} is the resource
 * attribute key of an {@link VariableType#ATTRIBUTE} variable and null for the other types.
 */
public record DashboardVariable(String name, VariableType type, String key) {

    public static final int MAX_VARIABLES = 12;
    /** Letters, digits and '_', not starting with a digit: what {@code $name} can reference unambiguously. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    public DashboardVariable {
        name = name == null ? "" : name.strip();
        key = Dashboard.blankToNull(key);
    }

    public static DashboardVariable service(String name) {
        return new DashboardVariable(name, VariableType.SERVICE, null);
    }

    public static DashboardVariable operation(String name) {
        return new DashboardVariable(name, VariableType.OPERATION, null);
    }

    public static DashboardVariable attribute(String name, String key) {
        return new DashboardVariable(name, VariableType.ATTRIBUTE, key);
    }

    /** Whether the picker offers "All" ({@link Variables#ALL}): a RED panel needs one service, so a service has none. */
    public boolean offersAll() {
        return type != VariableType.SERVICE;
    }
}
