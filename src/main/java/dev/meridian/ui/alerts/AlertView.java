package dev.meridian.ui.alerts;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.meridian.alerts.AlertEvent;
import dev.meridian.alerts.AlertRule;
import dev.meridian.alerts.AlertRuleJson;
import dev.meridian.alerts.AlertRuleStore;
import dev.meridian.alerts.AlertStateStore;
import dev.meridian.alerts.AlertStatus;
import dev.meridian.alerts.Evidence;
import dev.meridian.ui.base.Formats;
import dev.meridian.alerts.Backtest;
import dev.meridian.alerts.RulePreview;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.chart.EChart;
import java.util.Map;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /alerts/{id}}: a rule, where each of its groups stands, the evidence of the firing window (traces that open
 * their waterfall, their warning and error logs), and the rule's history.
 */
@Route(value = "alerts/:ruleId", layout = MainLayout.class)
@PageTitle("Alert · Meridian")
@StyleSheet("alerts.css")
public class AlertView extends VerticalLayout implements BeforeEnterObserver {

    private final AlertRuleStore rules;
    private final AlertStateStore states;
    private final H2 title = new H2();
    private final Paragraph summary = new Paragraph();
    private final Div groups = new Div();
    private final Grid<Evidence.TraceRef> traces = new Grid<>();
    private final Grid<Evidence.LogLine> logs = new Grid<>();
    private final Grid<AlertEvent> history = new Grid<>();
    private final Pre definition = new Pre();
    private final ViewLoader<Loaded> loader;
    private final RulePreview preview;
    private final EChart chart = new EChart();
    private final Paragraph chartSummary = new Paragraph();
    private Map<Long, String> deliveries = Map.of();

    /** What the view shows of one rule, read off the session lock. */
    private record Loaded(AlertRule rule, List<AlertStatus> groups, List<AlertEvent> history,
                          java.util.Map<Long, String> deliveries, java.util.Map<String, Backtest> backtests) {
    }

    /** History rows whose deliveries are read (each is one query). */
    private static final int DELIVERIES_SHOWN = 50;

    public AlertView(AlertRuleStore rules, AlertStateStore states, RulePreview preview, ViewTasks tasks) {
        this.rules = rules;
        this.states = states;
        this.preview = preview;
        this.loader = tasks.loader(this);
        addClassName("alert-view");
        setWidthFull();
        setPadding(false);

        traces.addComponentColumn(t -> new Anchor("traces/" + t.traceId(), t.rootService() + " · " + t.rootName()))
                .setHeader("Trace").setFlexGrow(3);
        traces.addColumn(t -> Formats.millis(t.durationMs())).setHeader("Duration").setFlexGrow(1);
        traces.setAllRowsVisible(true);
        traces.setAriaLabel("Evidence traces");
        traces.addThemeVariants(GridVariant.LUMO_COMPACT);

        logs.addColumn(l -> l.time().length() >= 19 ? l.time().substring(11, 19) : l.time()).setHeader("Time").setFlexGrow(0).setWidth("7em");
        logs.addColumn(Evidence.LogLine::severityText).setHeader("Severity").setFlexGrow(0).setWidth("7em");
        logs.addColumn(Evidence.LogLine::body).setHeader("Message").setFlexGrow(4);
        logs.addComponentColumn(l -> l.traceId().isEmpty() ? new Div() : new Anchor("traces/" + l.traceId(), "trace"))
                .setHeader("").setFlexGrow(0).setWidth("6em");
        logs.setAllRowsVisible(true);
        logs.setAriaLabel("Evidence logs");
        logs.addThemeVariants(GridVariant.LUMO_COMPACT);

        history.addComponentColumn(e -> AlertsView.badge(e.state())).setHeader("State").setFlexGrow(0).setWidth("9em");
        history.addColumn(e -> Formats.time(e.at()).substring(0, 19) + " UTC").setHeader("At").setFlexGrow(1);
        history.addColumn(e -> e.group().isEmpty() ? "–" : e.group()).setHeader("Group").setFlexGrow(1);
        history.addColumn(e -> e.value() == null ? "–" : String.format(java.util.Locale.ROOT, "%.4g", e.value())).setHeader("Value");
        history.addColumn(e -> deliveries.getOrDefault(e.id(), "–")).setHeader("Notifications").setFlexGrow(3);
        chart.setWidthFull();
        chart.setHeight("220px");
        history.setAllRowsVisible(true);
        history.setAriaLabel("Alert history");
        history.addThemeVariants(GridVariant.LUMO_COMPACT);
        groups.addClassName("alert-groups");
        definition.addClassName("alert-definition");

        add(title, summary, groups, new H3("Last 24 hours"), chart, chartSummary, new H3("Evidence: traces"), traces, new H3("Evidence: logs"), logs,
                new H3("History"), history, new H3("Rule"), definition);
    }

    public static String link(String ruleId) {
        return "alerts/" + java.net.URLEncoder.encode(ruleId, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String ruleId = event.getRouteParameters().get("ruleId").orElse("");
        title.setText("Loading alert…");
        loader.load(() -> read(ruleId), this::show, failure -> summary.setText("The alert could not be read: " + failure.getMessage()));
    }

    private Loaded read(String ruleId) {
        Optional<AlertRule> found = rules.find(ruleId);
        if (found.isEmpty()) {
            return null;
        }
        Instant now = Instant.now();
        List<AlertEvent> events = states.history(ruleId, now.minus(Duration.ofDays(7)), now.plusSeconds(1));
        Map<Long, String> sent = new java.util.HashMap<>();
        for (AlertEvent event : events.subList(0, Math.min(DELIVERIES_SHOWN, events.size()))) {
            String text = AlertDeliveries.describe(states.deliveries(event.id()));
            if (!text.isEmpty()) {
                sent.put(event.id(), text);
            }
        }
        return new Loaded(found.get(), states.statuses().stream().filter(s -> s.ruleId().equals(ruleId)).toList(),
                events, sent, preview.preview(found.get()));
    }

    private void show(Loaded loaded) {
        if (loaded == null) {
            title.setText("No such alert rule");
            summary.setText("It may have been deleted.");
            return;
        }
        AlertRule rule = loaded.rule();
        title.setText(rule.name());
        deliveries = loaded.deliveries();
        if (loaded.backtests().isEmpty()) {
            chart.showEmpty("No data in the last 24 hours");
            chartSummary.setText("");
        } else {
            Map.Entry<String, Backtest> first = loaded.backtests().entrySet().iterator().next();
            Instant end = Instant.now();
            chart.replace(BacktestChart.option(first.getValue(), dev.meridian.telemetry.TimeRange.of(end.minus(Duration.ofHours(24)), end)));
            chartSummary.setText((first.getKey().isEmpty() ? "" : first.getKey() + ": ") + BacktestChart.summary(first.getValue()));
        }
        summary.setText("Alerts when the value over " + rule.window().toMinutes() + " min is " + rule.condition().describe()
                + (rule.forDuration().isZero() ? "" : " for " + rule.forDuration().toMinutes() + " min") + ".");
        List<AlertStatus> mine = loaded.groups();
        groups.removeAll();
        Evidence evidence = Evidence.NONE;
        for (AlertStatus status : mine) {
            Div line = new Div(AlertsView.badge(status.state()), new com.vaadin.flow.component.html.Span(
                    (status.group().isEmpty() ? "" : status.group() + ": ") + "value "
                            + (status.value() == null ? "no data" : String.format(java.util.Locale.ROOT, "%.4g", status.value()))
                            + " since " + Formats.time(status.since()).substring(0, 19) + " UTC"));
            line.addClassName("alert-group");
            groups.add(line);
            if (!status.evidence().traces().isEmpty() && evidence.traces().isEmpty()) {
                evidence = status.evidence();
            }
        }
        traces.setItems(evidence.traces());
        logs.setItems(evidence.logs());
        history.setItems(loaded.history());
        definition.setText(AlertRuleJson.toTree(rule).toPrettyString());
    }
}
