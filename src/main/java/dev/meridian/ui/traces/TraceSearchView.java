package dev.meridian.ui.traces;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.CompareLinks;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.Refreshable;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import dev.meridian.ui.chart.ChartOption;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.EChart;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /traces}: trace search with a duration-over-time scatter plot. Every search input is in the
 * URL ({@link TraceSearchParameters} plus {@code from}/{@code to}); a dot opens its trace, a brushed
 * range narrows the window.
 */
@Route(value = "traces", layout = MainLayout.class)
@PageTitle("Traces · Meridian")
public class TraceSearchView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    /**
     * Traces per search. At most what a span exemplar cell keeps (100), so that the slowest or failed traces of a
     * window are merged from exemplars instead of sorting the window's spans.
     */
    static final int LIMIT = 100;
    private static final String ANY = "Any";

    private final TraceQueries traces;
    private final ServiceQueries services;
    private final Clock clock;
    private final ComboBox<String> serviceField = new ComboBox<>("Service");
    private final ComboBox<String> operationField = new ComboBox<>("Operation");
    private final NumberField minDuration = new NumberField("Min duration (ms)");
    private final NumberField maxDuration = new NumberField("Max duration (ms)");
    private final Select<String> statusField = new Select<>();
    private final TextField attributesField = new TextField("Attributes");
    private final Select<TraceSearch.Sort> sortField = new Select<>();
    private final ComboBox<String> callsField = new ComboBox<>("Calls service");
    private final EChart scatter = new EChart();
    private final Grid<TraceSummary> results = new Grid<>();
    private final Span resultCount = new Span();
    /** "Why is it slow": these traces (min duration, errors) against the others of the service in the window. */
    private final Anchor compare = new Anchor("", "Compare these requests with the others →");

    private final ViewLoader<TraceQueries.SearchResult> search;
    private final ViewLoader<List<String>> serviceNames;
    private final ViewLoader<List<String>> operationNames;

    private TraceSelection current = new TraceSelection(TraceSearchParameters.NONE, TimeSelection.DEFAULT);

    private record TraceSelection(TraceSearchParameters search, TimeSelection time) {
    }

    public TraceSearchView(TraceQueries traces, ServiceQueries services, Clock clock, ViewTasks tasks) {
        this.traces = traces;
        this.services = services;
        this.clock = clock;
        this.search = tasks.loader(this);
        this.serviceNames = tasks.loader(this);
        this.operationNames = tasks.loader(this);
        setWidthFull();

        serviceField.setClearButtonVisible(true);
        serviceField.addValueChangeListener(event -> {
            if (event.isFromClient()) {
                loadOperations(event.getValue());
            }
        });
        operationField.setClearButtonVisible(true);
        minDuration.setMin(0);
        maxDuration.setMin(0);
        statusField.setLabel("Status");
        statusField.setItems(ANY, "ok", "error");
        statusField.setValue(ANY);
        attributesField.setPlaceholder("http.route=/checkout order.id=42");
        attributesField.setClearButtonVisible(true);
        sortField.setLabel("Sort");
        sortField.setItems(TraceSearch.Sort.values());
        sortField.setItemLabelGenerator(sort -> switch (sort) {
            case DURATION -> "Slowest first";
            case TIME -> "Newest first";
            case ERRORS -> "Errors first";
        });
        callsField.setClearButtonVisible(true);
        callsField.setHelperText("Traces where the service calls this one");
        Button search = new Button("Find traces", click -> submit());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(com.vaadin.flow.component.Key.ENTER);

        FormLayout form = new FormLayout(serviceField, operationField, minDuration, maxDuration, statusField,
                sortField, callsField, attributesField, search);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2), new FormLayout.ResponsiveStep("900px", 4));
        form.setColspan(attributesField, 3);

        scatter.setHeight("240px");
        scatter.addPointClickListener(click -> {
            if (click.getItemId() != null) {
                openTrace(click.getItemId());
            }
        });
        scatter.addRangeSelectListener(select -> navigate(current.search(),
                TimeSelection.absolute(select.getFrom(), select.getTo()).withRefresh(current.time().refresh())));
        Div scatterCard = new Div(new H3("Duration over time"), scatter);
        scatterCard.addClassName("meridian-card");
        scatterCard.setWidthFull();

        results.addColumn(new ComponentRenderer<>(summary -> {
            Span service = new Span(summary.rootService());
            service.addClassName("meridian-service-name");
            Span name = new Span(summary.rootName());
            Div cell = new Div(service, new Span(": "), name);
            return cell;
        })).setHeader("Trace").setFlexGrow(3);
        results.addColumn(summary -> Formats.time(summary.startTime())).setHeader("Start").setFlexGrow(2)
                .setSortable(true).setComparator(TraceSummary::startTime);
        results.addColumn(summary -> Formats.millis(summary.durationMs())).setHeader("Duration")
                .setTextAlign(ColumnTextAlign.END).setSortable(true).setComparator(TraceSummary::durationMs)
                .setKey("duration");
        results.addColumn(TraceSummary::spanCount).setHeader("Spans").setTextAlign(ColumnTextAlign.END)
                .setSortable(true).setComparator(TraceSummary::spanCount);
        results.addColumn(new ComponentRenderer<>(summary -> {
            Span errors = new Span(Integer.toString(summary.errorCount()));
            if (summary.errorCount() > 0) {
                errors.addClassName("meridian-error-text");
            }
            return errors;
        })).setHeader("Errors").setTextAlign(ColumnTextAlign.END).setSortable(true)
                .setComparator(TraceSummary::errorCount);
        results.addColumn(new ComponentRenderer<>(summary -> {
            Span id = new Span(summary.traceId().substring(0, 16));
            id.addClassName("meridian-trace-id");
            return id;
        })).setHeader("Trace id").setFlexGrow(1);
        results.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        results.setAriaLabel("Traces");
        results.setAllRowsVisible(true);
        results.addItemClickListener(click -> openTrace(click.getItem().traceId()));

        compare.getElement().setAttribute("router-link", true);
        compare.setTitle("Compares the service's requests (entry spans) of at least the minimum duration, or failed,"
                + " with its other requests in the window; the search itself matches any span of the operation");
        compare.setId("compare-traces");
        compare.setVisible(false);
        Div countLine = new Div(resultCount, compare);
        countLine.addClassName("meridian-count-line");
        countLine.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("align-items", "baseline");
        add(new H2("Traces"), form, scatterCard, countLine, results);
    }

    /** The query parameters that open this view with the search and window. */
    public static QueryParameters query(TraceSearchParameters search, TimeSelection time) {
        Map<String, List<String>> parameters = new LinkedHashMap<>(search.toParameters());
        time.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        return new QueryParameters(parameters);
    }

    /** Opens the trace, keeping the time window and refresh of the search. */
    private void openTrace(String traceId) {
        getUI().ifPresent(ui -> ui.navigate("traces/" + traceId, QueryParameters.simple(current.time().toParameters())));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        current = new TraceSelection(TraceSearchParameters.fromParameters(parameters), TimeSelection.fromParameters(parameters));
        showForm(current.search());
        TraceSearchParameters search = current.search();
        // Compare selects requests (entry spans) of the service by duration and status; attribute filters and a
        // maximum duration and the calls filter it cannot express, so with them the link would compare other traces
        // than those listed
        boolean comparable = search.service() != null && search.attributes().isEmpty() && search.maxDurationMs() == null
                && search.calls() == null;
        compare.setVisible(comparable);
        if (comparable) {
            compare.setHref(CompareLinks.compare(search.service(), search.operation(), search.minDurationMs(),
                    search.status() == TraceSearch.Status.ERROR, current.time()));
        }
        find();
    }

    @Override
    public void refresh() {
        if (!search.busy()) { // an auto-refresh tick that finds the previous search still running skips its turn
            find();
        }
    }

    private void find() {
        TimeRange range = current.time().resolve(clock);
        TraceSearchParameters parameters = current.search();
        TraceSearch query = new TraceSearch(parameters.service(), parameters.operation(), parameters.minDurationMs(),
                parameters.maxDurationMs(), parameters.status(), parameters.attributes(), range, LIMIT, parameters.sort(),
                parameters.calls());
        if (results.getListDataView().getItemCount() == 0) {
            scatter.showLoading();
            resultCount.setText("Searching…");
        }
        search.load(() -> traces.searchWithCoverage(query), result -> show(result, range), e -> {
            results.setItems(List.of());
            resultCount.setText("");
            scatter.showError("Could not search traces: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        });
    }

    private void show(TraceQueries.SearchResult result, TimeRange range) {
        List<TraceSummary> found = result.traces();
        boolean partial = result.partial();
        results.setItems(found);
        resultCount.setText((found.size() >= LIMIT ? "Showing the first " + LIMIT + " traces" : found.size() + " traces")
                + (partial ? " · searched only part of the window (an attribute without an index): narrow the time range"
                + " or the service to search all of it" : ""));
        if (found.isEmpty()) {
            scatter.showEmpty("No traces match in this range — widen the time range or loosen the filters");
        } else {
            scatter.showData();
        }
        scatter.replace(scatterOption(found, range));
    }

    static ChartOption scatterOption(List<TraceSummary> found, TimeRange range) {
        List<ChartOption.Item> ok = new ArrayList<>();
        List<ChartOption.Item> failed = new ArrayList<>();
        for (TraceSummary summary : found) {
            ChartOption.Item item = new ChartOption.Item(summary.traceId(), summary.rootService() + ": " + summary.rootName(),
                    List.of(summary.startTime().toEpochMilli(), summary.durationMs()), null);
            (summary.errorCount() > 0 ? failed : ok).add(item);
        }
        return ChartOptions.scatter(List.of(new ChartOptions.ScatterGroup("ok", "Traces", "#1f77b4", ok),
                new ChartOptions.ScatterGroup("errors", "With errors", ChartOptions.ERROR_COLOR, failed)), range, "ms", true);
    }

    private void showForm(TraceSearchParameters search) {
        TimeRange range = current.time().resolve(clock);
        serviceField.setValue(null);
        operationField.setValue(null);
        showServices(List.of(), search);
        serviceNames.load(() -> services.services(range).stream().map(ServiceSummary::name).toList(),
                names -> showServices(names, search), e -> { });
        loadOperations(search.service());
        minDuration.setValue(search.minDurationMs());
        maxDuration.setValue(search.maxDurationMs());
        statusField.setValue(search.status() == null ? ANY : search.status().name().toLowerCase());
        attributesField.setValue(AttributeFilterText.format(search.attributes()));
        attributesField.setInvalid(false);
        sortField.setValue(search.sort());
    }

    /** The service picker: the services found, and the searched one even when it sent nothing in the window. */
    private void showServices(List<String> found, TraceSearchParameters search) {
        List<String> names = new ArrayList<>(found);
        if (search.service() != null && !names.contains(search.service())) {
            names.add(search.service());
        }
        String chosen = serviceField.getValue();
        serviceField.setItems(names);
        serviceField.setValue(chosen != null && names.contains(chosen) ? chosen : search.service());
        List<String> callees = new ArrayList<>(found);
        if (search.calls() != null && !callees.contains(search.calls())) {
            callees.add(search.calls());
        }
        String callee = callsField.getValue();
        callsField.setItems(callees);
        callsField.setValue(callee != null && callees.contains(callee) ? callee : search.calls());
    }

    private void loadOperations(String service) {
        showOperations(service, List.of());
        if (service != null) {
            TimeRange range = current.time().resolve(clock);
            operationNames.load(() -> services.operations(service, range).stream().map(OperationSummary::name).toList(),
                    names -> showOperations(service, names), e -> { });
        } else {
            operationNames.cancel();
        }
    }

    private void showOperations(String service, List<String> found) {
        List<String> names = new ArrayList<>(found);
        String operation = current.search().operation();
        boolean searched = operation != null && Objects.equals(service, current.search().service());
        if (searched && !names.contains(operation)) {
            names.add(operation);
        }
        String chosen = operationField.getValue();
        operationField.setItems(names);
        if (chosen != null && names.contains(chosen)) {
            operationField.setValue(chosen);
        } else if (searched) {
            operationField.setValue(operation);
        }
    }

    private void submit() {
        List<TraceSearch.AttributeFilter> attributes;
        try {
            attributes = AttributeFilterText.parse(attributesField.getValue());
        } catch (IllegalArgumentException e) {
            attributesField.setInvalid(true);
            attributesField.setErrorMessage(e.getMessage() + " — write key=value, separated by spaces");
            return;
        }
        TraceSearch.Status status = switch (statusField.getValue()) {
            case "ok" -> TraceSearch.Status.OK;
            case "error" -> TraceSearch.Status.ERROR;
            default -> null;
        };
        navigate(new TraceSearchParameters(serviceField.getValue(), operationField.getValue(), minDuration.getValue(),
                maxDuration.getValue(), status, attributes, sortField.getValue(), callsField.getValue()), current.time());
    }

    private void navigate(TraceSearchParameters search, TimeSelection time) {
        getUI().ifPresent(ui -> ui.navigate(TraceSearchView.class, query(search, time)));
    }
}
