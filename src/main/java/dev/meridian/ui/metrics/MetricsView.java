package dev.meridian.ui.metrics;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.MetricQuery;
import dev.meridian.query.MetricSeries;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.DrillDown;
import dev.meridian.ui.base.Links;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.QueryString;
import dev.meridian.ui.base.Refreshable;
import dev.meridian.ui.base.ServicePicker;
import dev.meridian.ui.base.Steps;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import dev.meridian.ui.chart.ChartOption;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.chart.TimeSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Explorer for any OTLP metric: {@code /metrics?metric=&service=&agg=&groupBy=&filter=&from=&to=}.
 * One line per group; a click on the chart opens the slowest traces of that bucket, a brushed range
 * those of the range.
 */
@Route(value = "metrics", layout = MainLayout.class)
@PageTitle("Metrics · Meridian")
@StyleSheet("explore.css")
public class MetricsView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    static final int MAX_POINTS = 120;
    /**
     * Lines drawn at most. A group-by over a high-cardinality attribute can return thousands of series;
     * each is kept in the tab (chart option, legend row) and sent to the browser, so the rest are left out
     * with a note to filter.
     */
    static final int MAX_SERIES = 50;
    /** Attribute keys offered for grouping and filtering before the user types their own. */
    static final List<String> SUGGESTED_KEYS = List.of("service.name", "host.name", "service.instance.id",
            "http.route", "http.request.method", "http.response.status_code", "jvm.memory.type",
            "jvm.memory.pool.name", "jvm.gc.name", "state", "cpu");

    private static final Logger log = LoggerFactory.getLogger(MetricsView.class);

    private final ObjectProvider<MetricQueries> metricQueries;
    private final ObjectProvider<ServiceQueries> serviceQueries;
    private final Clock clock;

    private final ComboBox<MetricDescriptor> metricBox = new ComboBox<>("Metric");
    private final ServicePicker serviceBox = new ServicePicker("Service");
    private final Select<MetricAggregation> aggregationSelect = new Select<>();
    private final MultiSelectComboBox<String> filterBox = new MultiSelectComboBox<>("Filter");
    private final MultiSelectComboBox<String> groupByBox = new MultiSelectComboBox<>("Group by");
    private final Span title = new Span();
    private final Span meta = new Span();
    private final Span hint = new Span();
    private final EChart chart = new EChart();
    private final Grid<LegendRow> legend = new Grid<>();
    private Grid.Column<LegendRow> seriesColumn;

    private MetricSelection selection = MetricSelection.NONE;
    private TimeSelection time = TimeSelection.DEFAULT;
    private MetricDescriptor descriptor;
    private TimeRange range;
    private Duration step;
    private List<Instant> buckets = List.of();
    private List<String> shownNames = List.of();
    private boolean showing;
    private final ViewLoader<Catalog> catalog;
    private final ViewLoader<List<MetricSeries>> series;

    /** What the pickers offer: the services, and the metrics of the chosen service (or why there are none). */
    private record Catalog(List<String> services, List<MetricDescriptor> metrics, String metricsError) {
    }

    /** One row of the legend table: a line's colour, name and figures. */
    record LegendRow(String color, String name, String min, String avg, String max, String last) {
    }

    public MetricsView(ObjectProvider<MetricQueries> metricQueries, ObjectProvider<ServiceQueries> serviceQueries,
                       ObjectProvider<Clock> clock, ViewTasks tasks) {
        this.metricQueries = metricQueries;
        this.catalog = tasks.loader(this);
        this.series = tasks.loader(this);
        this.serviceQueries = serviceQueries;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        addClassName("metrics-view");
        setSizeFull();
        setPadding(false);

        configureFields();
        HorizontalLayout pickers = new HorizontalLayout(metricBox, serviceBox, aggregationSelect, filterBox, groupByBox);
        pickers.setWidthFull();
        pickers.setAlignItems(FlexComponent.Alignment.BASELINE);
        pickers.addClassName("explore-toolbar");
        pickers.setFlexGrow(1, filterBox, groupByBox);

        Div heading = new Div(title, meta);
        heading.addClassName("metrics-chart-title");
        title.addClassName("metrics-name");
        meta.addClassName("metrics-meta");
        hint.addClassName("metrics-hint");
        hint.setText("Click a point for the slowest traces of that time bucket; drag across the chart for a time range.");
        chart.setHeight("380px");
        chart.addPlotClickListener(click -> drill(DrillDown.bucketAt(click.getTime(), buckets, step)));
        chart.addRangeSelectListener(brush -> drill(new DrillDown.Window(brush.getFrom(), brush.getTo())));
        Div card = new Div(heading, chart, hint);
        card.addClassNames("meridian-card", "metrics-chart-card");
        card.setWidthFull();

        configureLegend();
        add(pickers, card, legend);
    }

    // ---- links -------------------------------------------------------------------------------

    /** {@code metrics?…} for the selection, in the given time window ({@code null}: the default). */
    public static String link(MetricSelection selection, TimeSelection time) {
        Map<String, List<String>> parameters = new LinkedHashMap<>(selection.toParameters());
        if (time != null) {
            time.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        }
        return QueryString.link("metrics", parameters);
    }

    // ---- layout ------------------------------------------------------------------------------

    private void configureFields() {
        metricBox.setPlaceholder("Pick a metric…");
        metricBox.setWidth("17em");
        metricBox.setOverlayWidth("30em");
        metricBox.setItemLabelGenerator(MetricDescriptor::name);
        metricBox.setRenderer(LitRenderer.<MetricDescriptor>of(
                        "<div class=\"metric-option\"><span>${item.name}</span><span class=\"metric-type\">${item.type}</span>"
                                + "<span class=\"metric-unit\">${item.unit}</span></div>")
                .withProperty("name", MetricDescriptor::name)
                .withProperty("type", d -> d.type() == null ? "" : d.type().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .withProperty("unit", d -> MetricText.readableUnit(d.unit())));
        metricBox.addValueChangeListener(e -> {
            if (!showing && e.getValue() != null) {
                // a different metric starts from its type's default aggregation
                navigate(selection.withMetric(e.getValue().name()).withAggregation(null));
            }
        });

        serviceBox.setWidth("10em");
        serviceBox.addValueChangeListener(e -> {
            if (!showing) {
                navigate(selection.withService(e.getValue()));
            }
        });

        aggregationSelect.setLabel("Aggregation");
        aggregationSelect.addClassName("metrics-aggregation");
        aggregationSelect.setItemLabelGenerator(MetricAggregations::label);
        aggregationSelect.setWidth("8.5em");
        aggregationSelect.addValueChangeListener(e -> {
            if (!showing && e.getValue() != null) {
                navigate(selection.withAggregation(e.getValue()));
            }
        });

        filterBox.setPlaceholder("key=value, Enter");
        filterBox.setAllowCustomValue(true);
        filterBox.setHelperText(null);
        filterBox.setMinWidth("10em");
        filterBox.addCustomValueSetListener(e -> {
            Optional<Map.Entry<String, String>> parsed = MetricSelection.parseFilter(e.getDetail());
            filterBox.setInvalid(parsed.isEmpty());
            filterBox.setErrorMessage("Type key=value, e.g. http.route=/api/orders");
            parsed.ifPresent(entry -> {
                List<String> next = new ArrayList<>(selection.filters());
                next.add(entry.getKey() + "=" + entry.getValue());
                navigate(selection.withFilters(next));
            });
        });
        filterBox.addValueChangeListener(e -> {
            if (!showing && e.isFromClient()) {
                navigate(selection.withFilters(List.copyOf(e.getValue())));
            }
        });

        groupByBox.setPlaceholder("attribute keys");
        groupByBox.setAllowCustomValue(true);
        groupByBox.setMinWidth("17em");
        groupByBox.addCustomValueSetListener(e -> {
            List<String> next = new ArrayList<>(selection.groupBy());
            next.add(e.getDetail());
            navigate(selection.withGroupBy(next));
        });
        groupByBox.addValueChangeListener(e -> {
            if (!showing && e.isFromClient()) {
                navigate(selection.withGroupBy(List.copyOf(e.getValue())));
            }
        });
    }

    private void configureLegend() {
        legend.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        legend.addClassName("metrics-legend");
        seriesColumn = legend.addColumn(LitRenderer.<LegendRow>of(
                        "<span class=\"metrics-legend-swatch\" style=\"background:${item.color}\"></span>${item.name}")
                        .withProperty("color", LegendRow::color).withProperty("name", LegendRow::name))
                .setHeader("Series").setFlexGrow(1).setSortable(true).setComparator(LegendRow::name);
        legend.addColumn(LegendRow::min).setHeader("Min").setTextAlign(ColumnTextAlign.END).setWidth("9em").setFlexGrow(0);
        legend.addColumn(LegendRow::avg).setHeader("Avg").setTextAlign(ColumnTextAlign.END).setWidth("9em").setFlexGrow(0);
        legend.addColumn(LegendRow::max).setHeader("Max").setTextAlign(ColumnTextAlign.END).setWidth("9em").setFlexGrow(0);
        legend.addColumn(LegendRow::last).setHeader("Last").setTextAlign(ColumnTextAlign.END).setWidth("9em").setFlexGrow(0);
        legend.setAllRowsVisible(true);
        legend.setVisible(false);
    }

    // ---- navigation --------------------------------------------------------------------------

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        time = TimeSelection.fromParameters(parameters);
        selection = MetricSelection.fromParameters(parameters);
        range = time.resolve(clock);
        step = Steps.forRange(range, MAX_POINTS);
        series.cancel();
        showSelection(new Catalog(List.of(), List.of(), null));
        title.setText(selection.metric() == null ? "Metrics explorer" : selection.metric());
        meta.setText("Loading…");
        chart.showLoading();
        TimeRange window = range;
        MetricSelection selected = selection;
        catalog.load(() -> readCatalog(window, selected), found -> {
            showSelection(found);
            load(true);
        }, e -> {
            log.warn("Could not list metrics", e);
            showSelection(new Catalog(List.of(), List.of(), "Could not list metrics: " + message(e)));
            load(true);
        });
    }

    /** Off the session lock: the services and the metrics the pickers offer. */
    private Catalog readCatalog(TimeRange window, MetricSelection selected) {
        ServiceQueries services = serviceQueries.getIfAvailable();
        List<String> names = List.of();
        if (services != null) {
            try {
                names = services.services(window).stream().map(ServiceSummary::name).toList();
            } catch (RuntimeException e) {
                log.warn("Could not list services", e);
            }
        }
        MetricQueries queries = metricQueries.getIfAvailable();
        if (queries == null) {
            return new Catalog(names, List.of(), "Metric storage is not available in this build.");
        }
        Map<String, MetricDescriptor> byName = new LinkedHashMap<>();
        for (MetricDescriptor d : queries.metrics(selected.service())) {
            byName.putIfAbsent(d.name(), d);
        }
        return new Catalog(names, List.copyOf(byName.values()), null);
    }

    private void navigate(MetricSelection next) {
        Map<String, List<String>> parameters = new LinkedHashMap<>(next.toParameters());
        time.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        getUI().ifPresent(ui -> ui.navigate("metrics", new QueryParameters(parameters)));
    }

    private void drill(DrillDown.Window window) {
        if (descriptor == null || buckets.isEmpty()) {
            return;
        }
        String link = MetricText.tracesLink(selection.service(), window.start(), window.end());
        getUI().ifPresent(ui -> Links.navigate(ui, link));
    }

    /** Puts the URL's selection into the pickers, with what the catalog offers. */
    private void showSelection(Catalog found) {
        showing = true;
        try {
            metricsError = found.metricsError();
            List<String> services = new ArrayList<>(found.services());
            if (selection.service() != null && !services.contains(selection.service())) {
                services.addFirst(selection.service());
            }
            serviceBox.setItems(services);
            serviceBox.setValue(selection.service());

            List<MetricDescriptor> metrics = found.metrics();
            descriptor = metrics.stream().filter(d -> d.name().equals(selection.metric())).findFirst().orElse(null);
            metricBox.setItems(metrics);
            metricBox.setValue(descriptor);

            List<MetricAggregation> allowed = descriptor == null ? List.of() : MetricAggregations.allowedFor(descriptor);
            aggregationSelect.setItems(allowed);
            aggregationSelect.setEnabled(!allowed.isEmpty());
            aggregationSelect.setValue(descriptor == null ? null
                    : MetricAggregations.resolve(descriptor, selection.aggregation()));

            LinkedHashSet<String> filterItems = new LinkedHashSet<>(selection.filters());
            filterBox.setItems(filterItems);
            filterBox.setValue(filterItems);
            filterBox.setInvalid(false);

            LinkedHashSet<String> keys = new LinkedHashSet<>(selection.groupBy());
            LinkedHashSet<String> keyItems = new LinkedHashSet<>(keys);
            keyItems.addAll(SUGGESTED_KEYS);
            groupByBox.setItems(keyItems);
            groupByBox.setValue(keys);
        } finally {
            showing = false;
        }
    }

    private String metricsError;

    // ---- data --------------------------------------------------------------------------------

    @Override
    public void refresh() {
        if (!time.isRelative() || descriptor == null || series.busy() || catalog.busy()) {
            return;
        }
        range = time.resolve(clock);
        load(false);
    }

    private void load(boolean replace) {
        showHeading();
        if (metricsError != null) {
            showNothing();
            chart.showError(metricsError);
            return;
        }
        if (descriptor == null) {
            showNothing();
            if (selection.metric() != null) {
                chart.showEmpty("No metric named “" + selection.metric() + "” was received"
                        + (selection.service() == null ? "" : " from " + selection.service()) + ". Pick one from the list.");
            } else if (metricBox.getListDataView().getItemCount() == 0) {
                chart.showEmpty("No metrics yet — is your SDK pointing at :4318? Meridian receives OTLP metrics on "
                        + "port 4318 (HTTP) and 4317 (gRPC).");
            } else {
                chart.showEmpty("Pick a metric to chart it. Group by an attribute for one line per value.");
            }
            return;
        }
        MetricAggregation aggregation = MetricAggregations.resolve(descriptor, selection.aggregation());
        MetricQuery query = new MetricQuery(descriptor.name(), selection.service(), aggregation,
                selection.filterMap(), selection.groupBy(), range, step);
        MetricDescriptor shown = descriptor;
        TimeRange window = range;
        if (replace) {
            chart.showLoading();
        }
        series.load(() -> metricQueries.getObject().series(query), found -> show(shown, aggregation, window, found, replace),
                e -> {
                    log.warn("Metric query failed", e);
                    showNothing();
                    chart.showError("Could not load " + shown.name() + ": " + message(e));
                });
    }

    /** At most {@code max} series, in the order the query gave them. */
    static List<MetricSeries> firstSeries(List<MetricSeries> found, int max) {
        return found.size() <= max ? found : List.copyOf(found.subList(0, max));
    }

    private void show(MetricDescriptor shown, MetricAggregation aggregation, TimeRange window, List<MetricSeries> all,
                      boolean replace) {
        String unit = MetricText.chartUnit(shown.unit(), aggregation);
        List<MetricSeries> found = firstSeries(all, MAX_SERIES);
        List<TimeSeries> lines = new ArrayList<>();
        buckets = found.isEmpty() ? List.of() : found.getFirst().buckets();
        for (MetricSeries series : found) {
            lines.add(new TimeSeries("s" + lines.size(), MetricText.seriesName(shown.name(), series.group()),
                    series.buckets(), series.values()));
        }
        MetricChart.Scale scale = MetricChart.Scale.of(unit, MetricChart.maxAbs(lines));
        List<LegendRow> rows = new ArrayList<>();
        for (TimeSeries line : lines) {
            String color = ChartOptions.PALETTE.get(rows.size() % ChartOptions.PALETTE.size());
            MetricText.Stats stats = MetricText.Stats.of(line.values());
            rows.add(new LegendRow(color, line.name(), scale.format(stats.min()), scale.format(stats.avg()),
                    scale.format(stats.max()), scale.format(stats.last())));
        }
        if (all.size() > found.size()) {
            meta.setText(meta.getText() + " · showing " + found.size() + " of " + all.size()
                    + " series: filter, or group by fewer keys");
        }
        ChartOption option = MetricChart.option(lines, window, unit);
        List<String> names = lines.stream().map(TimeSeries::name).toList();
        if (replace || !names.equals(shownNames)) {
            chart.replace(option);
        } else {
            chart.update(option);
        }
        shownNames = names;
        if (lines.stream().noneMatch(TimeSeries::hasData)) {
            chart.showEmpty("No data for " + shown.name() + " in this range"
                    + (selection.filters().isEmpty() ? "" : " with these filters") + ". Try a wider time range.");
            legend.setVisible(false);
        } else {
            chart.showData();
            legend.setItems(rows);
            seriesColumn.setHeader(selection.groupBy().isEmpty() ? "Series" : String.join(" · ", selection.groupBy()));
            legend.setVisible(rows.size() > 0);
        }
    }

    private void showNothing() {
        buckets = List.of();
        shownNames = List.of();
        chart.replace(ChartOptions.lines(List.of(), range, null, false));
        legend.setVisible(false);
    }

    private void showHeading() {
        if (descriptor == null) {
            title.setText("Metrics explorer");
            meta.setText("Any OTLP metric, by service, with filters and group-by");
            hint.setVisible(false);
            return;
        }
        MetricAggregation aggregation = MetricAggregations.resolve(descriptor, selection.aggregation());
        title.setText(descriptor.name());
        List<String> parts = new ArrayList<>();
        parts.add(MetricAggregations.label(aggregation));
        String unit = MetricText.readableUnit(descriptor.unit());
        if (!unit.isEmpty()) {
            parts.add(unit);
        }
        parts.add(descriptor.type().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        parts.add(selection.service() == null ? "all services" : selection.service());
        parts.add("step " + TimeSelection.format(step));
        if (descriptor.description() != null && !descriptor.description().isBlank()) {
            parts.add(descriptor.description());
        }
        meta.setText(String.join(" · ", parts));
        hint.setVisible(true);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
