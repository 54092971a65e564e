package dev.meridian.dashboards;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitution of dashboard variables into panels: pure functions over records, no I/O.
 * <p>
 * A reference is {@code $name} or {@code ${name}} (Grafana's two forms), {@code name} as in
 * {@link DashboardVariable#NAME}; it may stand alone ({@code $service}) or inside text
 * ({@code GET $route}). Values are untrusted strings (a URL parameter): they only ever fill the string
 * fields of a {@link PanelQuery}, which the queries bind as parameters; they are substituted once (a
 * value containing {@code $other} stays as it is) and never become SQL.
 * <p>
 * <b>All</b> ({@link #ALL}, Grafana's {@code $__all}, also an empty value) means "no filter": a query field
 * that references a variable set to All becomes null — the service of a metric panel (every service), the
 * operation of a RED panel (the whole service); a metric filter whose key or value references it is dropped,
 * and so is a group-by key. A RED panel whose service is All has no service and shows nothing until one is
 * picked (service variables do not offer All, see {@link DashboardVariable#offersAll()}). In titles, All
 * reads "All".
 * <p>
 * Only the dashboard's <b>declared</b> variable names are references: any other {@code $word} is literal text.
 * JVM span and class names contain {@code $} ({@code Outer$Inner.run}, {@code Foo$$Lambda}), and dashboards
 * stored before variables existed hold such names, so an undeclared {@code $word} must neither be an error nor
 * be replaced. Substitution only knows the names in the given values, which the view fills from the declared
 * variables; {@link #references} and {@link #referencesByField} take the declared names.
 */
public final class Variables {

    /** The value meaning "every value: no filter". */
    public static final String ALL = "$__all";

    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private Variables() {
    }

    /**
     * The names among {@code declared} that {@code text} references, in order of appearance; empty for null.
     * A {@code $word} whose word is not declared is literal text, not a reference (see above).
     */
    public static Set<String> references(String text, Collection<String> declared) {
        Set<String> names = new LinkedHashSet<>();
        if (text == null || text.indexOf('$') < 0) {
            return names;
        }
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (declared.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every declared variable name the query's string fields reference, with the field that does (e.g. {@code service}). */
    public static Map<String, Set<String>> referencesByField(PanelQuery query, Collection<String> declared) {
        Map<String, Set<String>> byField = new LinkedHashMap<>();
        switch (query) {
            case null -> { }
            case PanelQuery.Red red -> {
                put(byField, "service", red.service(), declared);
                put(byField, "operation", red.operation(), declared);
            }
            case PanelQuery.Metric metric -> {
                put(byField, "name", metric.name(), declared);
                put(byField, "service", metric.service(), declared);
                metric.filters().forEach((k, v) -> {
                    put(byField, "filters", k, declared);
                    put(byField, "filters." + k, v, declared);
                });
                metric.groupBy().forEach(g -> put(byField, "groupBy", g, declared));
            }
        }
        return byField;
    }

    private static void put(Map<String, Set<String>> byField, String field, String text, Collection<String> declared) {
        Set<String> names = references(text, declared);
        if (!names.isEmpty()) {
            byField.computeIfAbsent(field, f -> new LinkedHashSet<>()).addAll(names);
        }
    }

    /** The query with every reference replaced by its value; All makes the field null (no filter), see above. */
    public static PanelQuery substitute(PanelQuery query, Map<String, String> values) {
        return switch (query) {
            case null -> null;
            case PanelQuery.Red red -> new PanelQuery.Red(field(red.service(), values), field(red.operation(), values),
                    red.figure());
            case PanelQuery.Metric metric -> {
                Map<String, String> filters = new LinkedHashMap<>();
                metric.filters().forEach((k, v) -> {
                    String key = field(k, values);
                    String value = field(v, values);
                    if (key != null && value != null) {
                        filters.put(key, value);
                    }
                });
                List<String> groupBy = new ArrayList<>();
                for (String g : metric.groupBy()) {
                    String key = field(g, values);
                    if (key != null && !groupBy.contains(key)) {
                        groupBy.add(key);
                    }
                }
                yield new PanelQuery.Metric(field(metric.name(), values), field(metric.service(), values),
                        metric.aggregation(), filters, groupBy);
            }
        };
    }

    /** The panel with its query substituted and its title substituted for display. */
    public static Panel substitute(Panel panel, Map<String, String> values) {
        return new Panel(panel.id(), display(panel.title(), values), substitute(panel.query(), values), panel.width(),
                panel.kind());
    }

    /** {@code text} with references replaced by their values; null when one of them is All (or text is null). */
    static String field(String text, Map<String, String> values) {
        return replace(text, values, null);
    }

    /** {@code text} for display: references replaced by their values, All by "All". */
    public static String display(String text, Map<String, String> values) {
        return replace(text, values, "All");
    }

    private static String replace(String text, Map<String, String> values, String all) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!values.containsKey(name)) {
                continue; // not a variable of this dashboard: literal text (Outer$Inner.run)
            }
            String value = values.get(name);
            boolean isAll = value == null || value.isEmpty() || ALL.equals(value);
            if (isAll && all == null) {
                return null;
            }
            out.append(text, last, m.start()).append(isAll ? all : value);
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }
}
