package dev.meridian.ui.dashboards;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.meridian.dashboards.ChartKind;
import dev.meridian.dashboards.Panel;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOption;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.metrics.MetricAggregations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One panel of a dashboard: a card with the panel's title and query as text (both untrusted: only
 * ever set as text), its chart, and in edit mode buttons to move, edit and remove it.
 */
class PanelCard extends Div {

    static final String NO_DATA = "No data in this range — is your SDK pointing at :4318?";

    /** What the edit buttons ask the dashboard to do. */
    interface Actions {
        void moveUp(Panel panel);

        void moveDown(Panel panel);

        void edit(Panel panel);

        void remove(Panel panel);
    }

    private final Panel panel;
    private Panel shown;
    private final H3 title = new H3();
    private final Span subtitle = new Span();
    private final EChart chart = new EChart();
    private final Span statValue = new Span();
    private PanelData data;

    PanelCard(Panel panel, boolean editing, boolean first, boolean last, Actions actions) {
        this(panel, panel, editing, first, last, actions);
    }

    /**
     * @param panel the panel as defined (what the edit actions get)
     * @param shown the panel with the dashboard's variables substituted (what the title, subtitle and clicks use)
     */
    PanelCard(Panel panel, Panel shown, boolean editing, boolean first, boolean last, Actions actions) {
        this.panel = panel;
        addClassNames("meridian-card", "dashboard-panel", "span-" + panel.width());
        getElement().setAttribute("data-panel-id", panel.id() == null ? "" : panel.id());

        title.addClassName("dashboard-panel-title");
        subtitle.addClassName("dashboard-panel-subtitle");
        display(shown);
        Div heading = new Div(title, subtitle);
        heading.addClassName("dashboard-panel-heading");
        Div header = new Div(heading);
        header.addClassName("dashboard-panel-header");
        if (editing) {
            Div tools = new Div(tool(VaadinIcon.ARROW_UP, "Move up", () -> actions.moveUp(panel), first),
                    tool(VaadinIcon.ARROW_DOWN, "Move down", () -> actions.moveDown(panel), last),
                    tool(VaadinIcon.EDIT, "Edit panel", () -> actions.edit(panel), false),
                    tool(VaadinIcon.TRASH, "Remove panel", () -> actions.remove(panel), false));
            tools.addClassName("dashboard-panel-tools");
            header.add(tools);
        }
        add(header);
        if (panel.kind() == ChartKind.STAT) {
            statValue.addClassName("dashboard-stat-value");
            add(statValue);
            chart.setHeight("90px");
        } else {
            chart.setHeight("240px");
        }
        add(chart);
    }

    private static Button tool(VaadinIcon icon, String label, Runnable action, boolean disabled) {
        Button button = new Button(icon.create(), click -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        button.setAriaLabel(label);
        button.setTooltipText(label);
        button.setEnabled(!disabled);
        return button;
    }

    Panel panel() {
        return panel;
    }

    /** The panel as shown: with the variables' values in its query and title. */
    Panel shown() {
        return shown;
    }

    /** Shows the panel with (new) variable values: title and subtitle as text, never markup. */
    void display(Panel substituted) {
        shown = substituted;
        title.setText(substituted.title());
        title.getElement().setAttribute("title", substituted.title());
        subtitle.setText(describe(substituted.query()));
        subtitle.getElement().setAttribute("title", subtitle.getText());
    }

    EChart chart() {
        return chart;
    }

    PanelData data() {
        return data;
    }

    /** Shows the panel's data; a refresh merges into the live chart. */
    void show(PanelData next, TimeRange range) {
        show(next, range, List.of());
    }

    /** Shows the panel's data with the spans its alert rules were firing shaded; a refresh merges into the live chart. */
    void show(PanelData next, TimeRange range, List<ChartOptions.Shaded> firing) {
        data = next;
        if (next.hasData()) {
            chart.showData();
        } else {
            chart.showEmpty(panel.kind() == ChartKind.STAT ? "No data" : NO_DATA);
        }
        if (panel.kind() == ChartKind.STAT) {
            statValue.setText(next.hasData() ? next.formattedStat() : "–");
        }
        ChartOption option = PanelCharts.option(panel.kind(), next, range, panel.query() instanceof PanelQuery.Metric);
        if (panel.kind() != ChartKind.STAT) {
            option = ChartOptions.withShaded(option, firing);
        }
        if (panel.query() instanceof PanelQuery.Red red && red.figure() == RedFigure.STATUS_CLASSES) {
            option = PanelCharts.statusClasses(option);
        }
        if (panel.query() instanceof PanelQuery.Metric) {
            chart.replace(option); // groups come and go: a merge would keep lines of groups that left the window
        } else {
            chart.update(option);
        }
    }

    void showError(String message) {
        chart.showError(message);
    }

    /** No data to ask for yet (e.g. no service picked): the message instead of a chart. */
    void showNote(String message) {
        data = null;
        chart.showEmpty(message);
        if (panel.kind() == ChartKind.STAT) {
            statValue.setText("–");
        }
    }

    /** The query in words, e.g. {@code shop · GET /a · p95 latency}. */
    static String describe(PanelQuery query) {
        List<String> parts = new ArrayList<>();
        switch (query) {
            case PanelQuery.Red red -> {
                parts.add(red.service() == null ? "no service" : red.service());
                if (red.operation() != null) {
                    parts.add(red.operation());
                }
                parts.add(red.figure().label());
            }
            case PanelQuery.Metric metric -> {
                parts.add(metric.name() == null ? "no metric" : metric.name());
                parts.add(metric.service() == null ? "all services" : metric.service());
                parts.add(MetricAggregations.label(metric.aggregation()).toLowerCase(Locale.ROOT));
                metric.filters().forEach((k, v) -> parts.add(k + "=" + v));
                if (!metric.groupBy().isEmpty()) {
                    parts.add("by " + String.join(", ", metric.groupBy()));
                }
            }
        }
        return String.join(" · ", parts);
    }
}
