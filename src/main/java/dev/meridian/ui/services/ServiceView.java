package dev.meridian.ui.services;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.query.TraceSearch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.CompareLinks;
import dev.meridian.ui.base.DrillDown;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.Refreshable;
import dev.meridian.ui.base.Steps;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.alerts.AlertRuleStore;
import dev.meridian.alerts.AlertStateStore;
import dev.meridian.ui.base.AlertShading;
import dev.meridian.ui.chart.EChart;
import org.springframework.beans.factory.ObjectProvider;
import dev.meridian.ui.chart.StatusClassSeries;
import dev.meridian.ui.chart.TimeSeries;
import dev.meridian.ui.traces.TraceSearchParameters;
import dev.meridian.ui.traces.TraceSearchView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /services/{service}?operation=}: RED over time for the service or one operation, HTTP status
 * classes, resource usage from the service's metrics, and its operations. A click or a brushed range on
 * any chart opens the traces behind it, slowest first (errors first from the error-rate chart).
 */
@Route(value = "services/:service", layout = MainLayout.class)
public class ServiceView extends VerticalLayout implements BeforeEnterObserver, Refreshable, HasDynamicTitle {

    static final String NO_DATA = "No data in this range — is your SDK pointing at :4318?";
    private static final String ALL_OPERATIONS = "All operations";

    private final ServiceQueries services;
    private final AlertRuleStore alertRules;
    private final AlertStateStore alertStates;
    private List<ChartOptions.Shaded> firing = List.of();
    private final Clock clock;
    private final ResourceCharts resourceCharts;
    private final H2 title = new H2();
    private final ComboBox<String> operationSelect = new ComboBox<>("Operation");
    private final Span summaryLine = new Span();
    /** The slowest 5 % of the window against the rest (the trace search behind a chart click has its own link). */
    private final Anchor compare = new Anchor("", "Why is it slow? Compare the slowest 5 % →");
    private final EChart throughput = new EChart();
    private final EChart errorRate = new EChart();
    private final EChart latency = new EChart();
    private final EChart statusClasses = new EChart();
    private final Grid<OperationSummary> operations = new Grid<>();
    private final ViewLoader<Loaded> loader;

    private String service;
    private String operation;
    private TimeSelection selection = TimeSelection.DEFAULT;
    private Location location;
    private TimeRange range;
    private Duration step;
    private List<Instant> buckets = List.of();
    private boolean showing;
    private String shownService;

    /** Everything one load reads, off the session lock. */
    private record Loaded(String service, TimeRange range, Duration step, List<OperationSummary> operations, List<RedPoint> points,
                          List<StatusClassPoint> classes, ResourceCharts.Resources resources, List<ChartOptions.Shaded> firing) {
    }

    public ServiceView(ServiceQueries services, MetricQueries metrics, Clock clock, ViewTasks tasks,
                       ObjectProvider<AlertRuleStore> alertRules, ObjectProvider<AlertStateStore> alertStates) {
        this.services = services;
        this.alertRules = alertRules.getIfAvailable();
        this.alertStates = alertStates.getIfAvailable();
        this.clock = clock;
        this.loader = tasks.loader(this);
        this.resourceCharts = new ResourceCharts(metrics);
        setWidthFull();

        operationSelect.setWidth("28em");
        operationSelect.addValueChangeListener(event -> {
            if (!showing && event.isFromClient()) {
                String chosen = ALL_OPERATIONS.equals(event.getValue()) ? null : event.getValue();
                navigateTo(chosen);
            }
        });
        summaryLine.addClassName("meridian-figure");
        compare.getElement().setAttribute("router-link", true);
        compare.setId("compare-slowest");
        HorizontalLayout header = new HorizontalLayout(operationSelect, summaryLine, compare);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        Div charts = new Div(card("Throughput (requests/min)", throughput, "throughput"),
                card("Error rate", errorRate, "error-rate"),
                card("Latency p50 / p95 / p99", latency, "latency"),
                card("HTTP responses by status class", statusClasses, "status-classes"));
        charts.addClassName("meridian-chart-grid");
        drillFrom(throughput, TraceSearch.Sort.DURATION);
        drillFrom(latency, TraceSearch.Sort.DURATION);
        drillFrom(errorRate, TraceSearch.Sort.ERRORS);
        drillFrom(statusClasses, TraceSearch.Sort.ERRORS);

        operations.addColumn(OperationSummary::name).setHeader("Operation").setFlexGrow(3).setSortable(true)
                .setComparator(OperationSummary::name);
        operations.addColumn(op -> Formats.rate(Formats.perMinute(op.requestCount(), range.length())))
                .setHeader("Requests").setSortable(true).setComparator(OperationSummary::requestCount)
                .setTextAlign(ColumnTextAlign.END);
        operations.addColumn(op -> Formats.percent(op.errorRate())).setHeader("Errors").setSortable(true)
                .setComparator(OperationSummary::errorRate).setTextAlign(ColumnTextAlign.END);
        operations.addColumn(op -> Formats.millis(op.p50Ms())).setHeader("p50").setSortable(true)
                .setComparator(OperationSummary::p50Ms).setTextAlign(ColumnTextAlign.END);
        operations.addColumn(op -> Formats.millis(op.p95Ms())).setHeader("p95").setSortable(true)
                .setComparator(OperationSummary::p95Ms).setTextAlign(ColumnTextAlign.END);
        operations.addColumn(op -> Formats.millis(op.p99Ms())).setHeader("p99").setSortable(true)
                .setComparator(OperationSummary::p99Ms).setTextAlign(ColumnTextAlign.END);
        operations.setAllRowsVisible(true);
        operations.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        operations.setAriaLabel("Operations");
        operations.addItemClickListener(click -> navigateTo(click.getItem().name()));

        add(title, header, charts, resourceCharts, new H3("Operations"), operations);
    }

    /** The URL of a service's page, carrying the given query string (time range, refresh). */
    public static String link(String service, String queryString) {
        String path = "services/" + URLEncoder.encode(service, StandardCharsets.UTF_8).replace("+", "%20");
        return queryString == null || queryString.isBlank() ? path : path + "?" + queryString;
    }

    @Override
    public String getPageTitle() {
        return (service == null ? "Service" : service) + " · Meridian";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        location = event.getLocation();
        service = event.getRouteParameters().get("service").orElse("");
        Map<String, List<String>> parameters = location.getQueryParameters().getParameters();
        selection = TimeSelection.fromParameters(parameters);
        List<String> op = parameters.get("operation");
        operation = op == null || op.isEmpty() || op.getFirst().isBlank() ? null : op.getFirst();
        title.setText(service);
        compare.setHref(CompareLinks.compare(service, operation, null, false, selection));
        load();
    }

    @Override
    public void refresh() {
        if (!loader.busy()) { // a refresh tick that finds the previous one still reading skips its turn
            load();
        }
    }

    private void load() {
        TimeRange window = selection.resolve(clock);
        Duration bucket = Steps.forRange(window, 60);
        String forService = service;
        String forOperation = operation;
        if (range == null || !Objects.equals(shownService, forService)) { // nothing, or another service's charts, on show
            for (EChart chart : List.of(throughput, errorRate, latency, statusClasses)) {
                chart.showLoading();
            }
        }
        loader.load(() -> new Loaded(forService, window, bucket, services.operations(forService, window),
                        services.series(forService, forOperation, window, bucket),
                        services.statusClasses(forService, forOperation, window, bucket),
                        resourceCharts.read(forService, window, bucket), firing(forService, window)),
                this::show, e -> {
                    String message = "Could not load data: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    for (EChart chart : List.of(throughput, errorRate, latency, statusClasses)) {
                        chart.showError(message);
                    }
                });
    }

    private void show(Loaded loaded) {
        shownService = loaded.service();
        range = loaded.range();
        step = loaded.step();
        showOperations(loaded.operations());

        List<RedPoint> points = loaded.points();
        buckets = points.stream().map(RedPoint::bucketStart).toList();
        long requests = points.stream().mapToLong(RedPoint::requestCount).sum();
        long errors = points.stream().mapToLong(RedPoint::errorCount).sum();
        summaryLine.setText(Formats.rate(Formats.perMinute(requests, range.length())) + " · "
                + Formats.percent(requests == 0 ? 0 : (double) errors / requests) + " errors");
        double stepMinutes = step.toSeconds() / 60.0;
        firing = loaded.firing();
        show(throughput, List.of(series("requests", "Requests/min", points, p -> p.requestCount() / stepMinutes)), "rpm", requests);
        show(errorRate, List.of(series("errors", "Error rate", points,
                p -> p.requestCount() == 0 ? Double.NaN : 100 * p.errorRate())), "%", requests);
        show(latency, List.of(series("p50", "p50", points, RedPoint::p50Ms), series("p95", "p95", points, RedPoint::p95Ms),
                series("p99", "p99", points, RedPoint::p99Ms)), "ms", requests);

        List<StatusClassPoint> classes = loaded.classes();
        if (StatusClassSeries.requests(classes) == 0) {
            statusClasses.showEmpty("No HTTP status codes (http.response.status_code) in this range");
        } else {
            statusClasses.showData();
        }
        statusClasses.update(ChartOptions.stackedAreas(StatusClassSeries.lines(classes), StatusClassSeries.COLORS, range, null,
                true));
        resourceCharts.show(loaded.resources(), range);
    }

    private void showOperations(List<OperationSummary> ops) {
        operations.setItems(ops);
        List<String> names = new ArrayList<>();
        names.add(ALL_OPERATIONS);
        ops.forEach(op -> names.add(op.name()));
        if (operation != null && !names.contains(operation)) {
            names.add(operation);
        }
        showing = true;
        try {
            if (!Objects.equals(operationSelect.getListDataView().getItems().toList(), names)) {
                operationSelect.setItems(names);
            }
            operationSelect.setValue(operation == null ? ALL_OPERATIONS : operation);
        } finally {
            showing = false;
        }
    }

    private void show(EChart chart, List<TimeSeries> lines, String unit, long requests) {
        if (requests == 0) {
            chart.showEmpty(NO_DATA);
        } else {
            chart.showData();
        }
        chart.update(ChartOptions.withShaded(ChartOptions.lines(lines, range, unit, true), firing));
    }

    /** When this service's alert rules were firing in the window: shaded on its RED charts. Off the session lock. */
    private List<ChartOptions.Shaded> firing(String service, TimeRange window) {
        return AlertShading.read(alertRules, alertStates, window).forService(service);
    }

    private static TimeSeries series(String id, String name, List<RedPoint> points,
                                     java.util.function.ToDoubleFunction<RedPoint> value) {
        return new TimeSeries(id, name, points.stream().map(RedPoint::bucketStart).toList(),
                points.stream().mapToDouble(value).toArray());
    }

    private void drillFrom(EChart chart, TraceSearch.Sort sort) {
        chart.addPlotClickListener(click -> {
            DrillDown.Window window = DrillDown.bucketAt(click.getTime(), buckets, step);
            openTraces(window.start(), window.end(), sort);
        });
        chart.addRangeSelectListener(select -> openTraces(select.getFrom(), select.getTo(), sort));
    }

    private void openTraces(Instant from, Instant to, TraceSearch.Sort sort) {
        TraceSearchParameters search = TraceSearchParameters.forService(service, operation, sort);
        getUI().ifPresent(ui -> ui.navigate(TraceSearchView.class,
                TraceSearchView.query(search, TimeSelection.absolute(from, to))));
    }

    private void navigateTo(String chosenOperation) {
        Map<String, List<String>> parameters = new HashMap<>(location.getQueryParameters().getParameters());
        if (chosenOperation == null) {
            parameters.remove("operation");
        } else {
            parameters.put("operation", List.of(chosenOperation));
        }
        getUI().ifPresent(ui -> ui.navigate(location.getPath(), new QueryParameters(parameters)));
    }

    static Div card(String heading, EChart chart, String id) {
        Div card = new Div(new H3(heading), chart);
        card.addClassName("meridian-card");
        card.setId(id);
        chart.setHeight("220px");
        return card;
    }
}
