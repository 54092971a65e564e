package dev.meridian.ui.dashboards;

import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.VariableType;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.ResourceAttributeValues;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.telemetry.TimeRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What each variable's picker offers for a window, read off the session lock, and the selection with its
 * defaults filled in: a service variable gets the services of the window (the first one is the default);
 * an operation variable the operations of the dashboard's first service variable's value, or of every service
 * (the first {@link #MAX_SERVICES_SCANNED}) when it has none; an attribute variable the values of its resource
 * attribute key ({@link ResourceAttributeValues}). Each list holds at most {@link #MAX_OPTIONS}; {@code capped}
 * names the variables that had more (the picker says so, and still takes a typed value).
 */
record VariableOptions(Map<String, List<String>> options, List<String> capped, VariableSelection selection) {

    static final int MAX_OPTIONS = 200;
    static final int MAX_SERVICES_SCANNED = 50;

    static VariableOptions read(List<DashboardVariable> variables, VariableSelection chosen, TimeRange range,
                                ServiceQueries services, ResourceAttributeValues attributes) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> capped = new ArrayList<>();
        if (variables.isEmpty()) {
            return new VariableOptions(options, capped, chosen);
        }
        List<String> serviceNames = services.services(range).stream().map(ServiceSummary::name).toList();
        for (DashboardVariable v : variables) {
            if (v.type() == VariableType.SERVICE) {
                options.put(v.name(), cap(serviceNames, v, capped));
            }
        }
        VariableSelection selection = chosen.withDefaults(variables, options);
        DashboardVariable serviceVariable = variables.stream().filter(v -> v.type() == VariableType.SERVICE)
                .findFirst().orElse(null);
        for (DashboardVariable v : variables) {
            switch (v.type()) {
                case SERVICE -> { }
                case OPERATION -> {
                    List<String> operations;
                    if (serviceVariable != null) {
                        String service = selection.value(serviceVariable.name());
                        operations = service == null ? List.of()
                                : services.operations(service, range).stream().map(OperationSummary::name).toList();
                    } else {
                        TreeSet<String> all = new TreeSet<>();
                        serviceNames.stream().limit(MAX_SERVICES_SCANNED).forEach(s -> services.operations(s, range)
                                .forEach(o -> all.add(o.name())));
                        operations = List.copyOf(all);
                    }
                    options.put(v.name(), cap(operations, v, capped));
                }
                case ATTRIBUTE -> options.put(v.name(), cap(attributes.values(v.key(), range, MAX_OPTIONS + 1), v, capped));
            }
        }
        return new VariableOptions(options, capped, selection);
    }

    private static List<String> cap(List<String> found, DashboardVariable v, List<String> capped) {
        if (found.size() <= MAX_OPTIONS) {
            return found;
        }
        capped.add(v.name());
        return found.subList(0, MAX_OPTIONS);
    }
}
