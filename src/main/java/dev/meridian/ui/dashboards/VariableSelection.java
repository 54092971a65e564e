package dev.meridian.ui.dashboards;

import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.Variables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values picked for a dashboard's variables, as kept in the URL: {@code var-<name>=<value>} (Grafana's
 * convention), so reload and share keep them. All (no filter) is the absence of the parameter; Grafana's
 * {@code $__all} is read as All too. A service variable without a value gets the first service of the window
 * ({@link #withDefaults}). Values are untrusted text: they only fill query fields (see {@link Variables}). Pure.
 */
record VariableSelection(Map<String, String> chosen) {

    static final String PREFIX = "var-";
    /** Longer values are cut: no service, operation or attribute value needs more, and the URL stays sane. */
    static final int MAX_VALUE_LENGTH = 512;
    static final VariableSelection NONE = new VariableSelection(Map.of());

    VariableSelection {
        chosen = Map.copyOf(chosen);
    }

    /** The values of {@code variables} in the query parameters; parameters of other names are ignored. */
    static VariableSelection fromParameters(Map<String, List<String>> parameters, List<DashboardVariable> variables) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (DashboardVariable variable : variables) {
            List<String> given = parameters.get(PREFIX + variable.name());
            if (given == null || given.isEmpty() || given.getFirst() == null || given.getFirst().isBlank()) {
                continue;
            }
            String value = given.getFirst().strip();
            if (Variables.ALL.equals(value)) {
                continue; // All is the absence of a value (a service has no All: it gets the default)
            }
            chosen.put(variable.name(), value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value);
        }
        return new VariableSelection(chosen);
    }

    /** This selection with {@code name} set to {@code value} (null, blank or {@link Variables#ALL}: All). */
    VariableSelection with(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(chosen);
        if (value == null || value.isBlank() || Variables.ALL.equals(value)) {
            next.remove(name);
        } else {
            next.put(name, value.strip());
        }
        return new VariableSelection(next);
    }

    /** The value of a variable, null for All (or a service not chosen yet). */
    String value(String name) {
        return chosen.get(name);
    }

    /**
     * This selection with a value for every service variable that has none: the chosen default (the first
     * service of the window); unchanged where there is none to choose.
     */
    VariableSelection withDefaults(List<DashboardVariable> variables, Map<String, List<String>> options) {
        VariableSelection out = this;
        for (DashboardVariable variable : variables) {
            List<String> offered = options.getOrDefault(variable.name(), List.of());
            if (!variable.offersAll() && value(variable.name()) == null && !offered.isEmpty()) {
                out = out.with(variable.name(), offered.getFirst());
            }
        }
        return out;
    }

    /** What substitution needs: every variable's value, {@link Variables#ALL} where none is chosen. */
    Map<String, String> values(List<DashboardVariable> variables) {
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach(v -> values.put(v.name(), chosen.getOrDefault(v.name(), Variables.ALL)));
        return values;
    }

    /**
     * {@code current} query parameters with the {@code var-} ones replaced by this selection's, in the
     * variables' order; other parameters (the time window…) are kept.
     */
    Map<String, List<String>> applyTo(Map<String, List<String>> current, List<DashboardVariable> variables) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        current.forEach((name, values) -> {
            if (!name.startsWith(PREFIX)) {
                out.put(name, values);
            }
        });
        for (DashboardVariable variable : variables) {
            String value = chosen.get(variable.name());
            if (value != null) {
                out.put(PREFIX + variable.name(), List.of(value));
            }
        }
        return out;
    }
}
