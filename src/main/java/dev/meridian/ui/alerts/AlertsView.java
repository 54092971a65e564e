package dev.meridian.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.meridian.alerts.AlertRule;
import dev.meridian.alerts.AnomalyBand;
import dev.meridian.alerts.Backtest;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.TimeSeries;
import dev.meridian.alerts.RulePreview;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.ServiceQueries;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.dashboards.PanelDialog;
import java.util.Map;
import dev.meridian.alerts.AlertRuleJson;
import dev.meridian.alerts.AlertRuleStore;
import dev.meridian.alerts.AlertState;
import dev.meridian.alerts.AlertStateStore;
import dev.meridian.alerts.InvalidAlertRuleException;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import java.util.List;

/** {@code /alerts}: every rule with where it stands, firing first; a new rule from its JSON. */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts · Meridian")
@StyleSheet("alerts.css")
public class AlertsView extends VerticalLayout implements BeforeEnterObserver {

    private final AlertRuleStore rules;
    private final AlertStateStore states;
    private final Grid<AlertRows> grid = new Grid<>();
    private final ViewLoader<Listed> loader;

    /** What the list shows, read off the session lock: the rows and the sparklines of the top ones. */
    private record Listed(List<AlertRows> rows, Map<String, TimeSeries> sparklines) {
    }
    /** Rows that get a sparkline (each is a rollup read). */
    private static final int SPARKLINES = 20;
    private Map<String, TimeSeries> sparklines = Map.of();
    private final ViewLoader<Map<String, Backtest>> previewLoader;
    private final RulePreview preview;
    private final ServiceQueries services;
    private final MetricQueries metrics;
    private final ViewTasks tasks;
    private final Paragraph empty = new Paragraph("No alert rules yet. A rule watches a panel query (a RED figure of a "
            + "service, or a metric) and sends the slowest or failed traces of the window with its notification.");

    public AlertsView(AlertRuleStore rules, AlertStateStore states, RulePreview preview, ServiceQueries services,
                      MetricQueries metrics, ViewTasks tasks) {
        this.rules = rules;
        this.states = states;
        this.preview = preview;
        this.services = services;
        this.metrics = metrics;
        this.tasks = tasks;
        this.loader = tasks.loader(this);
        this.previewLoader = tasks.loader(this);
        addClassName("alerts-view");
        setWidthFull();
        setPadding(false);

        Button create = new Button("New rule", VaadinIcon.PLUS.create(), click -> openCreate());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div header = new Div(new H2("Alerts"), create);
        header.addClassName("alerts-header");

        grid.addComponentColumn(row -> badge(row.state())).setHeader("State").setFlexGrow(0).setWidth("9em");
        grid.addColumn(AlertRows::name).setHeader("Rule").setFlexGrow(3);
        grid.addColumn(AlertRows::condition).setHeader("Condition").setFlexGrow(2);
        grid.addComponentColumn(row -> sparkline(sparklines.get(row.ruleId()), row.state())).setHeader("Last 24 h")
                .setFlexGrow(0).setWidth("10em");
        grid.addColumn(row -> row.value() == null ? "–" : String.format(java.util.Locale.ROOT, "%.4g", row.value()))
                .setHeader("Last value").setFlexGrow(1);
        grid.addColumn(row -> row.since() == null ? "–" : Formats.time(row.since()).substring(0, 19) + " UTC")
                .setHeader("Since").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setAriaLabel("Alert rules");
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(AlertView.link(click.getItem().ruleId()))));
        empty.addClassName("meridian-empty");
        empty.setVisible(false);
        add(header, empty, grid);
    }

    private static com.vaadin.flow.component.Component sparkline(TimeSeries line, AlertState state) {
        if (line == null || !line.hasData()) {
            return new Span("–");
        }
        EChart chart = new EChart();
        chart.setWidth("9em");
        chart.setHeight("28px");
        chart.replace(ChartOptions.sparkline(line, state == AlertState.FIRING ? ChartOptions.ERROR_COLOR : ChartOptions.PALETTE.getFirst()));
        return chart;
    }

    static Span badge(AlertState state) {
        Span badge = new Span(state.jsonName());
        badge.getElement().getThemeList().add("badge");
        badge.getElement().getThemeList().add(switch (state) {
            case FIRING -> "error";
            case PENDING -> "contrast";
            case RESOLVED, OK -> "success";
        });
        return badge;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    private void refresh() {
        loader.load(() -> {
            List<AlertRule> all = rules.list();
            List<AlertRows> rows = AlertRows.of(all, states.statuses());
            Map<String, AlertRule> byId = all.stream().collect(java.util.stream.Collectors.toMap(AlertRule::id, r -> r));
            Map<String, TimeSeries> lines = new java.util.HashMap<>();
            // each sparkline is a rollup read: the rows on top (firing first) get one
            for (AlertRows row : rows.subList(0, Math.min(SPARKLINES, rows.size()))) {
                try {
                    List<AnomalyBand.Sample> samples = preview.sparkline(byId.get(row.ruleId()));
                    lines.put(row.ruleId(), new TimeSeries(row.ruleId(), row.name(),
                            samples.stream().map(AnomalyBand.Sample::time).toList(),
                            samples.stream().mapToDouble(AnomalyBand.Sample::value).toArray()));
                } catch (RuntimeException e) {
                    // a sparkline is decoration: the row shows without it
                }
            }
            return new Listed(rows, lines);
        }, listed -> {
            List<AlertRows> rows = listed.rows();
            sparklines = listed.sparklines();
            grid.setItems(rows);
            grid.setVisible(!rows.isEmpty());
            empty.setVisible(rows.isEmpty());
        }, failure -> {
            empty.setText("Alerts could not be read: " + failure.getMessage());
            empty.setVisible(true);
        });
    }

    private void openCreate() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New alert rule");
        dialog.setWidth("min(760px, 95vw)");
        TextArea json = new TextArea("Rule JSON");
        json.setWidthFull();
        json.setMinHeight("14em");
        json.setValue("""
                {"name": "checkout errors",
                 "query": {"type": "red", "service": "checkout", "figure": "error_rate"},
                 "condition": {"type": "threshold", "op": "above", "value": 0.05},
                 "window": "5m", "for": "1m",
                 "notify": [{"type": "webhook", "url": "https://hooks.example.com/alerts"}]}""");
        EChart chart = new EChart();
        chart.setWidthFull();
        chart.setHeight("220px");
        chart.setVisible(false);
        Paragraph verdict = new Paragraph();
        verdict.addClassName("alert-preview-summary");
        dialog.add(json, chart, verdict);
        Button previewButton = new Button("Preview last 24 h", VaadinIcon.CHART_LINE.create(), click -> {
            AlertRule rule;
            try {
                rule = AlertRuleJson.read(json.getValue());
                json.setInvalid(false);
            } catch (InvalidAlertRuleException e) {
                json.setErrorMessage(String.join("; ", e.problems()));
                json.setInvalid(true);
                return;
            }
            verdict.setText("Replaying the rule over the last 24 hours…");
            previewLoader.load(() -> preview.preview(rule), backtests -> {
                if (backtests.isEmpty()) {
                    chart.setVisible(false);
                    verdict.setText("No data in the last 24 hours: the query matches nothing yet.");
                    return;
                }
                Map.Entry<String, Backtest> first = backtests.entrySet().iterator().next();
                java.time.Instant end = java.time.Instant.now();
                chart.setVisible(true);
                chart.replace(BacktestChart.option(first.getValue(),
                        dev.meridian.telemetry.TimeRange.of(end.minus(java.time.Duration.ofHours(24)), end)));
                verdict.setText((first.getKey().isEmpty() ? "" : first.getKey() + ": ") + BacktestChart.summary(first.getValue())
                        + (backtests.size() > 1 ? " (" + backtests.size() + " groups; the first is shown)" : ""));
            }, failure -> verdict.setText("The preview failed: " + failure.getMessage()));
        });
        Button save = new Button("Create", click -> {
            try {
                AlertRule created = rules.create(AlertRuleJson.read(json.getValue()));
                dialog.close();
                getUI().ifPresent(ui -> ui.navigate(AlertView.link(created.id())));
            } catch (InvalidAlertRuleException e) {
                json.setErrorMessage(String.join("; ", e.problems()));
                json.setInvalid(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button pick = new Button("Pick query…", VaadinIcon.SEARCH.create(), click -> {
            java.time.Instant end = java.time.Instant.now();
            PanelDialog.pickQuery(services, metrics, dev.meridian.telemetry.TimeRange.of(end.minus(java.time.Duration.ofHours(1)), end),
                    tasks, query -> json.setValue(RuleText.withQuery(json.getValue(), query)));
        });
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), pick, previewButton, save);
        dialog.open();
    }
}
