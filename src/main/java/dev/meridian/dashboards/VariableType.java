package dev.meridian.dashboards;

import java.util.Locale;

/** What a dashboard variable's picker offers. */
public enum VariableType {
    /** the services that sent spans in the window */
    SERVICE,
    /** the operations of the dashboard's service variable (of every service when it has none) */
    OPERATION,
    /** the distinct values of one resource attribute key (the variable's {@code key}) */
    ATTRIBUTE;

    /** The lower-case name used in the JSON format. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
