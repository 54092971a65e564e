package dev.meridian.ui.compare;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.meridian.query.compare.CompareQueries;
import dev.meridian.query.compare.PathComparison;
import dev.meridian.query.compare.TraceVsTypical;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.base.CompareLinks;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /compare/traces/{traceId}}: "Compare with typical" of the trace view. Per span path (root operation → … →
 * the span's service and name), this trace's time against the median of the same path in up to
 * {@value #TYPICAL} traces of its root operation nearest in time; spans not in typical traces and typical spans
 * absent here are marked.
 */
@Route(value = "compare/traces/:traceId", layout = MainLayout.class)
@PageTitle("Trace vs typical · Meridian")
@StyleSheet("compare.css")
public class TypicalView extends VerticalLayout implements BeforeEnterObserver {

    static final int TYPICAL = CompareQueries.DEFAULT_TYPICAL;

    private final CompareQueries compare;
    private final ViewLoader<Optional<TraceVsTypical>> loader;
    private final H2 title = new H2("Trace against typical");
    private final Paragraph summary = new Paragraph();
    private final Anchor back = new Anchor("", "← Back to the trace");
    private final Grid<PathComparison.PathRow> paths = new Grid<>();
    private double maxMs = 1;

    public TypicalView(CompareQueries compare, ViewTasks tasks) {
        this.compare = compare;
        this.loader = tasks.loader(this);
        setWidthFull();
        addClassName("compare-view");
        summary.setId("typical-summary");
        back.getElement().setAttribute("router-link", true);

        paths.addColumn(new ComponentRenderer<>(row -> {
            Span service = new Span(row.service());
            service.addClassName("compare-muted");
            Div cell = new Div(service, new Span(row.name() + (row.thisSpans() > 1 ? " ×" + row.thisSpans() : "")));
            cell.addClassName("compare-path");
            cell.getStyle().set("padding-left", (row.depth() * 1.2) + "em");
            cell.getElement().setAttribute("title", row.label());
            return cell;
        })).setHeader("Span path").setFlexGrow(4);
        paths.addColumn(row -> row.status() == PathComparison.Status.MISSING ? "—" : Formats.millis(row.thisMs()))
                .setHeader("This trace").setTextAlign(ColumnTextAlign.END).setFlexGrow(1);
        paths.addColumn(row -> Double.isNaN(row.typicalMs()) ? "—" : Formats.millis(row.typicalMs()))
                .setHeader("Typical (median)").setTextAlign(ColumnTextAlign.END).setFlexGrow(1);
        paths.addColumn(new ComponentRenderer<>(this::bars)).setHeader("This / typical").setFlexGrow(3);
        paths.addColumn(new ComponentRenderer<>(TypicalView::status)).setHeader("In typical traces").setFlexGrow(2);
        paths.setAllRowsVisible(true);
        paths.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        paths.setAriaLabel("Span paths");
        paths.setVisible(false);

        add(title, back, summary, paths);
    }

    /** The URL of a trace against typical; see {@link CompareLinks#typical}. */
    public static String link(TraceId traceId) {
        return CompareLinks.typical(traceId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String hex = event.getRouteParameters().get("traceId").orElse("");
        TraceId traceId;
        try {
            traceId = TraceId.fromHex(hex);
        } catch (IllegalArgumentException e) {
            summary.setText("Not a trace id.");
            return;
        }
        back.setHref(FindingLinks.trace(traceId.toHex()));
        summary.setText("Loading typical traces…");
        loader.load(() -> compare.typical(traceId, TYPICAL), this::show,
                e -> summary.setText("Could not compare: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage())));
    }

    private void show(Optional<TraceVsTypical> found) {
        if (found.isEmpty()) {
            summary.setText("This trace is not stored (or no longer: retention).");
            return;
        }
        TraceVsTypical result = found.get();
        title.setText("Trace against typical: " + result.rootService() + " · " + result.rootName());
        summary.setText(TypicalText.summary(result));
        maxMs = result.paths().stream().mapToDouble(r -> Math.max(r.thisMs(), Double.isNaN(r.typicalMs()) ? 0 : r.typicalMs()))
                .max().orElse(1);
        paths.setItems(result.paths());
        paths.setVisible(!result.paths().isEmpty()); // none without typical traces: the summary says so
    }

    private Component bars(PathComparison.PathRow row) {
        Div bars = new Div(bar("compare-bar-selected", row.thisMs()),
                bar("compare-bar-other", Double.isNaN(row.typicalMs()) ? 0 : row.typicalMs()));
        bars.addClassName("compare-bars");
        return bars;
    }

    private Div bar(String className, double ms) {
        Div fill = new Div();
        fill.addClassName("compare-bar-fill");
        fill.getStyle().set("width", String.format(Locale.ROOT, "%.1f%%", 100 * Math.max(0, ms) / Math.max(maxMs, 1e-9)));
        Div bar = new Div(fill);
        bar.addClassNames("compare-bar", className);
        return bar;
    }

    private static Component status(PathComparison.PathRow row) {
        Span text = new Span(TypicalText.status(row));
        if (row.status() != PathComparison.Status.COMMON) {
            text.addClassName("compare-status-" + row.status().name().toLowerCase(Locale.ROOT));
        }
        return text;
    }
}
