package dev.meridian.dashboards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A user-built dashboard: a title, a description, variables (pickers whose values fill {@code $name} in the
 * panels, see {@link Variables}) and panels in reading order. {@code id} is null
 * until the store assigns one; {@code version} counts saves (0 before the first) and guards against
 * lost updates; {@code updatedAt} is null before the first save.
 */
public record Dashboard(String id, String title, String description, List<DashboardVariable> variables,
                        List<Panel> panels, long version, Instant updatedAt) {

    public static final int MAX_PANELS = 48;
    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Dashboard {
        title = title == null ? "" : title.strip();
        description = description == null ? "" : description.strip();
        panels = panels == null ? List.of() : List.copyOf(panels);
        variables = variables == null ? List.of() : List.copyOf(variables);
    }

    /** A dashboard without variables. */
    public Dashboard(String id, String title, String description, List<Panel> panels, long version, Instant updatedAt) {
        this(id, title, description, List.of(), panels, version, updatedAt);
    }

    /** A new, empty dashboard. */
    public static Dashboard named(String title) {
        return new Dashboard(null, title, "", List.of(), 0, null);
    }

    public Dashboard withPanels(List<Panel> newPanels) {
        return new Dashboard(id, title, description, variables, newPanels, version, updatedAt);
    }

    public Dashboard withTitle(String newTitle, String newDescription) {
        return new Dashboard(id, newTitle, newDescription, variables, panels, version, updatedAt);
    }

    public Dashboard withVariables(List<DashboardVariable> newVariables) {
        return new Dashboard(id, title, description, newVariables, panels, version, updatedAt);
    }

    /** The variable named {@code name}; null when there is none. */
    public DashboardVariable variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    public Dashboard stored(String newId, long newVersion, Instant newUpdatedAt) {
        return new Dashboard(newId, title, description, variables, panels, newVersion, newUpdatedAt);
    }

    /** Panels without ids get {@code p1}, {@code p2}… (the first free ones), so a click or an edit can name them. */
    public Dashboard withPanelIds() {
        Set<String> taken = new HashSet<>();
        panels.forEach(p -> {
            if (p.id() != null) {
                taken.add(p.id());
            }
        });
        int next = 1;
        List<Panel> out = new ArrayList<>();
        for (Panel panel : panels) {
            if (panel.id() == null || panel.id().isBlank()) {
                while (taken.contains("p" + next)) {
                    next++;
                }
                taken.add("p" + next);
                out.add(panel.withId("p" + next));
            } else {
                out.add(panel);
            }
        }
        return withPanels(out);
    }

    /** This dashboard with one panel changed (matched by id). */
    public Dashboard mapPanel(String panelId, UnaryOperator<Panel> change) {
        return withPanels(panels.stream().map(p -> p.id() != null && p.id().equals(panelId) ? change.apply(p) : p).toList());
    }

    /** Every problem that keeps this dashboard from being stored; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (id != null && !ID.matcher(id).matches()) {
            problems.add("id must be 1-64 letters, digits, '-' or '_'");
        }
        if (title.isEmpty()) {
            problems.add("title is required");
        } else if (title.length() > MAX_TITLE_LENGTH) {
            problems.add("title is longer than " + MAX_TITLE_LENGTH + " characters");
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            problems.add("description is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (panels.size() > MAX_PANELS) {
            problems.add("a dashboard has at most " + MAX_PANELS + " panels, this one has " + panels.size());
        }
        variableProblems(variables, problems);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < panels.size(); i++) {
            Panel panel = panels.get(i);
            String where = "panels[" + i + "]";
            if (panel == null) {
                problems.add(where + " is empty");
                continue;
            }
            if (panel.id() != null && !ID.matcher(panel.id()).matches()) {
                problems.add(where + ".id must be 1-64 letters, digits, '-' or '_'");
            } else if (panel.id() != null && !ids.add(panel.id())) {
                problems.add(where + ".id '" + panel.id() + "' is used twice");
            }
            if (panel.title().isEmpty()) {
                problems.add(where + ".title is required");
            } else if (panel.title().length() > MAX_TITLE_LENGTH) {
                problems.add(where + ".title is longer than " + MAX_TITLE_LENGTH + " characters");
            }
            if (panel.width() < Panel.MIN_WIDTH || panel.width() > Panel.MAX_WIDTH) {
                problems.add(where + ".width must be " + Panel.MIN_WIDTH + "-" + Panel.MAX_WIDTH + " (columns of 4), was "
                        + panel.width());
            }
            // an undeclared $word is literal text, not a problem: span names hold '$' (Outer$Inner.run), see Variables
            queryProblems(panel.query(), where + ".query", problems);
        }
        return problems;
    }

    /** Adds what is wrong with the variables to {@code problems}; returns their names. */
    static Set<String> variableProblems(List<DashboardVariable> variables, List<String> problems) {
        Set<String> names = new HashSet<>();
        if (variables.size() > DashboardVariable.MAX_VARIABLES) {
            problems.add("a dashboard has at most " + DashboardVariable.MAX_VARIABLES + " variables, this one has "
                    + variables.size());
        }
        for (int i = 0; i < variables.size(); i++) {
            DashboardVariable variable = variables.get(i);
            String where = "variables[" + i + "]";
            if (variable == null) {
                problems.add(where + " is empty");
                continue;
            }
            String named = where + " '" + abbreviate(variable.name()) + "'";
            if (variable.name().isEmpty()) {
                problems.add(where + ".name is required");
            } else if (!DashboardVariable.NAME.matcher(variable.name()).matches()) {
                problems.add(named + ": a name is 1-64 letters, digits or '_', not starting with a digit");
            } else if (!names.add(variable.name())) {
                problems.add(named + ": the name is used twice");
            }
            if (variable.type() == null) {
                problems.add(named + ": type is required: service, operation or attribute");
            } else if (variable.type() == VariableType.ATTRIBUTE && variable.key() == null) {
                problems.add(named + ": an attribute variable needs a key (a resource attribute, e.g. deployment.environment.name)");
            } else if (variable.type() != VariableType.ATTRIBUTE && variable.key() != null) {
                problems.add(named + ": only an attribute variable has a key");
            }
        }
        return names;
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static void queryProblems(PanelQuery query, String where, List<String> problems) {
        switch (query) {
            case null -> problems.add(where + " is required");
            case PanelQuery.Red red -> {
                if (red.service() == null) {
                    problems.add(where + ".service is required");
                }
                if (red.figure() == null) {
                    problems.add(where + ".figure is required");
                }
            }
            case PanelQuery.Metric metric -> {
                if (metric.name() == null) {
                    problems.add(where + ".name is required");
                }
                if (metric.aggregation() == null) {
                    problems.add(where + ".aggregation is required");
                }
                if (metric.filters().keySet().stream().anyMatch(String::isBlank)) {
                    problems.add(where + ".filters has a blank attribute key");
                }
                if (metric.groupBy().stream().anyMatch(String::isBlank)) {
                    problems.add(where + ".groupBy has a blank attribute key");
                }
            }
        }
    }

    /** This dashboard, or an {@link InvalidDashboardException} naming every problem. */
    public Dashboard validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidDashboardException(problems);
        }
        return this;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
