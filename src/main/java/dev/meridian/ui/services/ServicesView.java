package dev.meridian.ui.services;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.base.Links;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.Refreshable;
import dev.meridian.ui.base.Steps;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.chart.TimeSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /}: every service with throughput, error rate and latency percentiles, each with a sparkline. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Services · Meridian")
public class ServicesView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    /**
     * Services shown at most, busiest first. Each row holds three live charts and their series: without
     * a cap, a tab left open grows with every service name a client ever invents.
     */
    static final int MAX_SERVICES = 200;
    /**
     * Up to this many services the grid shows every row at once; beyond it, it scrolls and the browser renders only
     * the rows in view: each row holds three charts, and 200 rows of them took the page 3.6–3.8 s to paint.
     */
    static final int ALL_ROWS_VISIBLE_UP_TO = 30;
    private static final String EMPTY = "No services in this time range — is your OpenTelemetry SDK sending to "
            + ":4317 (gRPC) or :4318 (HTTP)?";

    private final ServiceQueries services;
    private final Clock clock;
    private final Grid<Row> grid = new Grid<>();
    private final Paragraph empty = new Paragraph(EMPTY);
    private final Paragraph more = new Paragraph();
    private final ViewLoader<Loaded> loader;
    private final Map<String, Sparklines> sparklines = new HashMap<>();
    private TimeSelection selection = TimeSelection.DEFAULT;
    private String query = "";

    /** One grid row: the service's figures and its per-bucket series. */
    record Row(ServiceSummary summary, double requestsPerMinute, List<RedPoint> series) {
    }

    private record Sparklines(EChart throughput, EChart errors, EChart latency) {
    }

    /** One load: the rows to show (at most {@link #MAX_SERVICES}) and how many services there were. */
    record Loaded(List<Row> rows, int total) {
    }

    public ServicesView(ServiceQueries services, Clock clock, ViewTasks tasks) {
        this.services = services;
        this.clock = clock;
        this.loader = tasks.loader(this);
        setSizeFull();
        empty.addClassName("meridian-empty");
        empty.setVisible(false);

        grid.addColumn(new ComponentRenderer<>(row -> {
                    Anchor link = new Anchor(ServiceView.link(row.summary().name(), query), row.summary().name());
                    link.getElement().setAttribute("router-link", true);
                    return link;
                }))
                .setHeader("Service").setComparator(row -> row.summary().name()).setSortable(true)
                .setFlexGrow(2).setKey("service");
        grid.addColumn(row -> Formats.rate(row.requestsPerMinute())).setHeader("Requests")
                .setComparator(Row::requestsPerMinute).setSortable(true).setTextAlign(ColumnTextAlign.END).setKey("rate");
        grid.addColumn(new ComponentRenderer<>(row -> sparklinesOf(row).throughput())).setHeader("Throughput")
                .setFlexGrow(1).setWidth("140px");
        grid.addColumn(row -> Formats.percent(row.summary().errorRate())).setHeader("Errors")
                .setComparator(row -> row.summary().errorRate()).setSortable(true).setTextAlign(ColumnTextAlign.END)
                .setKey("errors");
        grid.addColumn(new ComponentRenderer<>(row -> sparklinesOf(row).errors())).setHeader("Error rate")
                .setFlexGrow(1).setWidth("140px");
        grid.addColumn(row -> Formats.millis(row.summary().p50Ms())).setHeader("p50")
                .setComparator(row -> row.summary().p50Ms()).setSortable(true).setTextAlign(ColumnTextAlign.END).setKey("p50");
        grid.addColumn(row -> Formats.millis(row.summary().p95Ms())).setHeader("p95")
                .setComparator(row -> row.summary().p95Ms()).setSortable(true).setTextAlign(ColumnTextAlign.END).setKey("p95");
        grid.addColumn(row -> Formats.millis(row.summary().p99Ms())).setHeader("p99")
                .setComparator(row -> row.summary().p99Ms()).setSortable(true).setTextAlign(ColumnTextAlign.END).setKey("p99");
        grid.addColumn(new ComponentRenderer<>(row -> sparklinesOf(row).latency())).setHeader("p95 latency")
                .setFlexGrow(1).setWidth("140px");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setMinHeight("360px");
        grid.addItemClickListener(click -> getUI().ifPresent(ui ->
                Links.navigate(ui, ServiceView.link(click.getItem().summary().name(), query))));
        grid.setAriaLabel("Services");

        more.addClassName("meridian-empty");
        more.setVisible(false);
        add(new H2("Services"), empty, grid, more);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        selection = TimeSelection.fromParameters(event.getLocation().getQueryParameters().getParameters());
        query = event.getLocation().getQueryParameters().getQueryString();
        load();
    }

    @Override
    public void refresh() {
        if (loader.busy()) {
            return; // the previous refresh is still reading: skip this tick
        }
        load();
    }

    private void load() {
        TimeRange range = selection.resolve(clock);
        grid.getElement().setAttribute("aria-busy", "true");
        if (grid.getListDataView().getItemCount() == 0) {
            empty.setText("Loading services…");
            empty.removeClassName("meridian-error-text");
            empty.setVisible(true);
        }
        loader.load(() -> read(range), this::show, e -> {
            grid.getElement().removeAttribute("aria-busy");
            empty.setText("Could not load services: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            empty.addClassName("meridian-error-text");
            empty.setVisible(true);
        });
    }

    /** Off the session lock: the busiest services and their series. */
    private Loaded read(TimeRange range) {
        Duration step = Steps.forRange(range, 30);
        List<ServiceSummary> all = services.services(range);
        List<Row> rows = busiestFirst(all, MAX_SERVICES).stream()
                .map(summary -> new Row(summary, Formats.perMinute(summary.requestCount(), range.length()),
                        services.series(summary.name(), null, range, step)))
                .sorted(java.util.Comparator.comparing(row -> row.summary().name()))
                .toList();
        return new Loaded(rows, all.size());
    }

    /** The {@code limit} services with the most requests. */
    static List<ServiceSummary> busiestFirst(List<ServiceSummary> all, int limit) {
        if (all.size() <= limit) {
            return all;
        }
        return all.stream().sorted(java.util.Comparator.comparingLong(ServiceSummary::requestCount).reversed())
                .limit(limit).toList();
    }

    private void show(Loaded loaded) {
        List<Row> rows = loaded.rows();
        grid.getElement().removeAttribute("aria-busy");
        sparklines.keySet().retainAll(rows.stream().map(row -> row.summary().name()).toList());
        empty.setText(EMPTY);
        empty.removeClassName("meridian-error-text");
        empty.setVisible(rows.isEmpty());
        grid.setVisible(!rows.isEmpty());
        rows.forEach(this::updateSparklines);
        boolean allVisible = rows.size() <= ALL_ROWS_VISIBLE_UP_TO;
        grid.setAllRowsVisible(allVisible);
        setFlexGrow(allVisible ? 0 : 1, grid);
        grid.setItems(rows);
        more.setText("Showing the " + rows.size() + " busiest of " + loaded.total() + " services.");
        more.setVisible(loaded.total() > rows.size());
    }

    /** For tests: how many sparkline sets the view keeps. */
    int sparklineCount() {
        return sparklines.size();
    }

    private Sparklines sparklinesOf(Row row) {
        return sparklines.computeIfAbsent(row.summary().name(), name -> new Sparklines(sparkline(), sparkline(), sparkline()));
    }

    private void updateSparklines(Row row) {
        Sparklines charts = sparklinesOf(row);
        List<Instant> buckets = row.series().stream().map(RedPoint::bucketStart).toList();
        double[] throughput = row.series().stream().mapToDouble(p -> (double) p.requestCount()).toArray();
        double[] errors = row.series().stream().mapToDouble(RedPoint::errorRate).toArray();
        double[] latency = row.series().stream().mapToDouble(RedPoint::p95Ms).toArray();
        charts.throughput().update(ChartOptions.sparkline(new TimeSeries("v", "requests", buckets, throughput), "#1f77b4"));
        charts.errors().update(ChartOptions.sparkline(new TimeSeries("v", "error rate", buckets, errors), ChartOptions.ERROR_COLOR));
        charts.latency().update(ChartOptions.sparkline(new TimeSeries("v", "p95", buckets, latency), "#9467bd"));
    }

    private static EChart sparkline() {
        EChart chart = new EChart();
        chart.setHeight("32px");
        chart.setWidth("130px");
        chart.getElement().getStyle().set("min-height", "32px");
        return chart;
    }
}
