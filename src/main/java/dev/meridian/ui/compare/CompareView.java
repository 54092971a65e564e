package dev.meridian.ui.compare;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.meridian.query.compare.CompareQueries;
import dev.meridian.query.compare.CompareRequest;
import dev.meridian.query.compare.Comparison;
import dev.meridian.query.compare.Findings;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.CompareLinks;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import java.time.Clock;
import java.util.List;

/**
 * {@code /compare?service=&operation=&from=&to=&minDurationMs=&status=}: the selected traces (slow, or failed)
 * against the other traces of the same service, operation and window: attribute values, self time per operation
 * and log patterns that separate them, each with counts and a link to the traces (or logs) behind it.
 */
@Route(value = "compare", layout = MainLayout.class)
@PageTitle("Compare · Meridian")
@StyleSheet("compare.css")
public class CompareView extends VerticalLayout implements BeforeEnterObserver {

    private final CompareQueries compare;
    private final Clock clock;
    private final ViewLoader<Comparison> loader;
    private final H2 title = new H2("Compare");
    private final Paragraph summary = new Paragraph();
    // the trace search bounds any span of the operation, Compare its requests: the list may hold a few more traces
    private final Anchor selectedTraces = new Anchor("", "Traces with a span this slow →");
    private final Grid<Findings.AttributeFinding> attributes = new Grid<>();
    private final Grid<Findings.OperationFinding> operations = new Grid<>();
    private final Grid<Findings.LogFinding> logs = new Grid<>();
    private final Span attributesEmpty = empty();
    private final Span operationsEmpty = empty();
    private final Span logsEmpty = empty();
    private TimeSelection window = TimeSelection.DEFAULT;
    private double maxSelfMs = 1;

    public CompareView(CompareQueries compare, Clock clock, ViewTasks tasks) {
        this.compare = compare;
        this.clock = clock;
        this.loader = tasks.loader(this);
        setWidthFull();
        addClassName("compare-view");
        summary.setId("compare-summary");
        selectedTraces.getElement().setAttribute("router-link", true);
        selectedTraces.setId("compare-selected-traces");
        selectedTraces.setVisible(false);

        attributes.addColumn(new ComponentRenderer<>(a -> {
            Span pair = new Span(a.key() + " = " + a.value());
            pair.addClassName("compare-pair");
            Span where = new Span((a.resource() ? "resource of " : "on a span of ") + a.service());
            where.addClassName("compare-muted");
            return new Div(pair, where);
        })).setHeader("Attribute value").setFlexGrow(4);
        attributes.addColumn(a -> share(a.selectedShare(), a.selectedCount())).setHeader("Selected traces")
                .setTextAlign(ColumnTextAlign.END).setFlexGrow(1);
        attributes.addColumn(a -> share(a.baselineShare(), a.baselineCount())).setHeader("Other traces")
                .setTextAlign(ColumnTextAlign.END).setFlexGrow(1);
        attributes.addColumn(new ComponentRenderer<>(a -> link("Traces", FindingLinks.attribute(a, window))))
                .setHeader("").setFlexGrow(0).setWidth("7em");
        setUp(attributes, "Attributes");

        operations.addColumn(new ComponentRenderer<>(o -> {
            Span service = new Span(o.service());
            service.addClassName("compare-muted");
            return new Div(service, new Span(" " + o.name()));
        })).setHeader("Operation").setFlexGrow(3);
        operations.addColumn(new ComponentRenderer<>(this::bars)).setHeader("Self time per trace: selected / other")
                .setFlexGrow(4);
        operations.addColumn(o -> CompareText.extra(o.extraMs()))
                .setHeader("Extra").setTextAlign(ColumnTextAlign.END).setFlexGrow(1);
        operations.addColumn(new ComponentRenderer<>(o -> link("Traces", FindingLinks.operation(o, window))))
                .setHeader("").setFlexGrow(0).setWidth("7em");
        setUp(operations, "Operations");

        logs.addColumn(new ComponentRenderer<>(l -> {
            Span pattern = new Span(l.pattern());
            pattern.addClassName("compare-pattern");
            Span where = new Span(l.service() + " · e.g. " + l.example());
            where.addClassName("compare-muted");
            return new Div(pattern, where);
        })).setHeader("Log message").setFlexGrow(4);
        logs.addColumn(l -> share(l.selectedShare(), l.selectedCount())).setHeader("Selected traces")
                .setTextAlign(ColumnTextAlign.END).setFlexGrow(1);
        logs.addColumn(l -> share(l.baselineShare(), l.baselineCount())).setHeader("Other traces")
                .setTextAlign(ColumnTextAlign.END).setFlexGrow(1);
        logs.addColumn(new ComponentRenderer<>(l -> link("Logs", FindingLinks.log(l, window))))
                .setHeader("").setFlexGrow(0).setWidth("7em");
        setUp(logs, "Log messages");

        add(title, summary, selectedTraces,
                card("Attribute values over-represented in the selected traces", attributes, attributesEmpty, "compare-attributes"),
                card("Where the extra time goes: self time per operation, mean per trace", operations, operationsEmpty,
                        "compare-operations"),
                card("Log messages over-represented in the selected traces", logs, logsEmpty, "compare-logs"));
    }

    /** The URL of a comparison; see {@link CompareLinks#compare}. */
    public static String link(String service, String operation, Double minDurationMs, boolean errorsOnly, TimeSelection time) {
        return CompareLinks.compare(service, operation, minDurationMs, errorsOnly, time);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        CompareParameters parameters = CompareParameters.fromParameters(event.getLocation().getQueryParameters().getParameters());
        TimeRange range = parameters.time().resolve(clock);
        // the findings' links keep the window compared, even when the URL says "the last hour"
        window = TimeSelection.absolute(range.start(), range.end());
        if (parameters.service() == null) {
            // a comparison still loading (or shown) from the previous URL must not appear under this one
            loader.cancel();
            clear();
            title.setText("Compare");
            summary.setText("Choose a service: open Compare from a service, a chart or a trace search.");
            return;
        }
        title.setText("Why is it slow? " + parameters.service()
                + (parameters.operation() == null ? "" : " · " + parameters.operation()));
        summary.setText("Comparing…");
        selectedTraces.setHref(FindingLinks.selected(parameters, window));
        selectedTraces.setVisible(true);
        CompareRequest request = new CompareRequest(parameters.service(), parameters.operation(), range,
                parameters.minDurationMs(), parameters.errorsOnly());
        loader.load(() -> compare.compare(request), result -> show(result, range),
                e -> summary.setText("Could not compare: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage())));
    }

    private void show(Comparison result, TimeRange range) {
        summary.setText(CompareText.summary(result, range));
        Findings findings = result.findings();
        maxSelfMs = findings.operations().stream()
                .mapToDouble(o -> Math.max(o.selectedSelfMs(), o.baselineSelfMs())).max().orElse(1);
        attributes.setItems(findings.attributes());
        operations.setItems(findings.operations());
        logs.setItems(findings.logs());
        boolean nothing = result.selectedCount() == 0 || result.baselineCount() == 0;
        String none = nothing ? "Nothing to compare: " + (result.selectedCount() == 0 ? "no trace is selected"
                : "every trace is selected") + " in this window." : null;
        showEmpty(attributes, attributesEmpty, none != null ? none
                : "No attribute value is more frequent in the selected traces.");
        showEmpty(operations, operationsEmpty, none != null ? none : "No spans.");
        showEmpty(logs, logsEmpty, none != null ? none : "No log message is more frequent in the selected traces.");
    }

    /** No findings and no link to selected traces: the state of a page that compares nothing. */
    private void clear() {
        selectedTraces.setVisible(false);
        attributes.setItems(List.of());
        operations.setItems(List.of());
        logs.setItems(List.of());
        for (Grid<?> grid : List.of(attributes, operations, logs)) {
            grid.setVisible(false);
        }
        for (Span empty : List.of(attributesEmpty, operationsEmpty, logsEmpty)) {
            empty.setVisible(false);
        }
    }

    private static void showEmpty(Grid<?> grid, Span empty, String text) {
        boolean isEmpty = grid.getListDataView().getItemCount() == 0;
        grid.setVisible(!isEmpty);
        empty.setVisible(isEmpty);
        empty.setText(text);
    }

    private Component bars(Findings.OperationFinding o) {
        Div selected = bar("compare-bar-selected", o.selectedSelfMs(), "selected " + Formats.millis(o.selectedSelfMs()));
        Div other = bar("compare-bar-other", o.baselineSelfMs(), "other " + Formats.millis(o.baselineSelfMs()));
        Div bars = new Div(selected, other);
        bars.addClassName("compare-bars");
        return bars;
    }

    private Div bar(String className, double ms, String label) {
        Div fill = new Div();
        fill.addClassName("compare-bar-fill");
        fill.getStyle().set("width", String.format(java.util.Locale.ROOT, "%.1f%%", 100 * Math.max(0, ms) / maxSelfMs));
        Span text = new Span(label);
        text.addClassName("compare-bar-label");
        Div bar = new Div(fill, text);
        bar.addClassNames("compare-bar", className);
        return bar;
    }

    private static String share(double share, long count) {
        return Formats.percent(share) + " (" + count + ")";
    }

    private static Anchor link(String text, String href) {
        Anchor anchor = new Anchor(href, text + " →");
        anchor.getElement().setAttribute("router-link", true);
        return anchor;
    }

    private static <T> void setUp(Grid<T> grid, String label) {
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAriaLabel(label);
    }

    private static Span empty() {
        Span empty = new Span();
        empty.addClassName("meridian-empty");
        empty.setVisible(false);
        return empty;
    }

    private static Div card(String heading, Grid<?> grid, Span empty, String id) {
        Div card = new Div(new H3(heading), grid, empty);
        card.addClassName("meridian-card");
        card.setId(id);
        card.setWidthFull();
        return card;
    }
}
