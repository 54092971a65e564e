package dev.meridian.ui.map;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
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
import dev.meridian.query.ServiceMap;
import dev.meridian.query.ServiceMapQueries;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.base.Links;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.Refreshable;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.services.ServiceView;
import dev.meridian.ui.traces.TraceSearchParameters;
import dev.meridian.ui.traces.TraceSearchView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code /map}: the services of the time range and the calls between them, as a graph and as a table of edges
 * (the exact numbers, and the accessible way to the same links). A node opens its service; an edge opens the
 * traces through that call ({@code /traces?service=<caller>&calls=<callee>}).
 */
@Route(value = "map", layout = MainLayout.class)
@PageTitle("Service map · Meridian")
public class ServiceMapView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    private static final String EMPTY = "No calls between services in this time range. Calls are paired from a"
            + " CLIENT span and the SERVER span it parents in another service.";

    private final ServiceMapQueries serviceMap;
    private final Clock clock;
    private final EChart chart = new EChart();
    private final Grid<ServiceMap.Edge> edges = new Grid<>();
    private final Paragraph status = new Paragraph();
    private final ViewLoader<ServiceMap> loader;
    private TimeSelection selection = TimeSelection.DEFAULT;
    private String query = "";
    private Duration window = Duration.ofHours(1);
    private ServiceMapChart.Drawn drawn;

    public ServiceMapView(ServiceMapQueries serviceMap, Clock clock, ViewTasks tasks) {
        this.serviceMap = serviceMap;
        this.clock = clock;
        this.loader = tasks.loader(this);
        setWidthFull();

        chart.setHeight("520px");
        chart.getElement().setAttribute("aria-label", "Service map");
        chart.addPointClickListener(click -> {
            if (drawn == null) {
                return;
            }
            ServiceMap.Node node = drawn.node(click.getItemId());
            ServiceMap.Edge edge = drawn.edge(click.getItemId());
            if (node != null) {
                openService(node.name());
            } else if (edge != null) {
                openTraces(edge);
            }
        });
        Div chartCard = new Div(chart);
        chartCard.addClassName("meridian-card");
        chartCard.setWidthFull();

        edges.addColumn(new ComponentRenderer<>(edge -> serviceLink(edge.source()))).setHeader("Caller")
                .setComparator(ServiceMap.Edge::source).setSortable(true).setFlexGrow(2).setKey("source");
        edges.addColumn(new ComponentRenderer<>(edge -> serviceLink(edge.target()))).setHeader("Callee")
                .setComparator(ServiceMap.Edge::target).setSortable(true).setFlexGrow(2).setKey("target");
        edges.addColumn(edge -> Formats.rate(Formats.perMinute(edge.requestCount(), window))).setHeader("Calls")
                .setComparator(ServiceMap.Edge::requestCount).setSortable(true).setTextAlign(ColumnTextAlign.END)
                .setKey("rate");
        edges.addColumn(ServiceMap.Edge::requestCount).setHeader("Total").setComparator(ServiceMap.Edge::requestCount)
                .setSortable(true).setTextAlign(ColumnTextAlign.END).setKey("count");
        edges.addColumn(edge -> Formats.percent(edge.errorRate())).setHeader("Errors")
                .setComparator(ServiceMap.Edge::errorRate).setSortable(true).setTextAlign(ColumnTextAlign.END)
                .setKey("errors");
        edges.addColumn(edge -> Formats.millis(edge.p95Ms())).setHeader("p95")
                .setComparator(edge -> Double.isNaN(edge.p95Ms()) ? -1 : edge.p95Ms()).setSortable(true)
                .setTextAlign(ColumnTextAlign.END).setKey("p95");
        edges.addColumn(new ComponentRenderer<>(edge -> {
            Anchor traces = new Anchor(tracesLink(edge), "Traces");
            traces.getElement().setAttribute("router-link", true);
            traces.getElement().setAttribute("aria-label", "Traces of " + edge.source() + " calling " + edge.target());
            return traces;
        })).setHeader("").setFlexGrow(1).setKey("traces");
        edges.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        edges.setAllRowsVisible(true);
        edges.setAriaLabel("Calls between services");
        edges.addItemClickListener(click -> openTraces(click.getItem()));

        status.addClassName("meridian-empty");
        Paragraph legend = new Paragraph("Circle size: requests per minute · colour: error rate (green below 1 %, amber"
                + " below 5 %, red above) · arrow width: calls per minute · p95 of a call: its client span, or the callee's"
                + " span when the caller made no client span");
        legend.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("margin", "0");
        add(new H2("Service map"), status, chartCard, legend, new H3("Calls"), edges);
    }

    private Anchor serviceLink(String service) {
        Anchor link = new Anchor(ServiceView.link(service, query), service);
        link.getElement().setAttribute("router-link", true);
        return link;
    }

    private String tracesLink(ServiceMap.Edge edge) {
        return "traces?" + TraceSearchView.query(TraceSearchParameters.forCall(edge.source(), edge.target()), selection)
                .getQueryString();
    }

    private void openService(String service) {
        getUI().ifPresent(ui -> Links.navigate(ui, ServiceView.link(service, query)));
    }

    private void openTraces(ServiceMap.Edge edge) {
        getUI().ifPresent(ui -> ui.navigate(TraceSearchView.class,
                TraceSearchView.query(TraceSearchParameters.forCall(edge.source(), edge.target()), selection)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        selection = TimeSelection.fromParameters(event.getLocation().getQueryParameters().getParameters());
        query = event.getLocation().getQueryParameters().getQueryString();
        load();
    }

    @Override
    public void refresh() {
        if (!loader.busy()) {
            load();
        }
    }

    private void load() {
        TimeRange range = selection.resolve(clock);
        if (drawn == null) {
            chart.showLoading();
            status.setText("Loading the service map…");
            status.removeClassName("meridian-error-text");
            status.setVisible(true);
        }
        loader.load(() -> serviceMap.serviceMap(range), map -> show(map, ServiceMapChart.countedWindow(range)), e -> {
            status.setText("Could not load the service map: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            status.addClassName("meridian-error-text");
            status.setVisible(true);
            chart.showError("Could not load the service map");
        });
    }

    private void show(ServiceMap map, Duration length) {
        window = length;
        drawn = ServiceMapChart.draw(map, length);
        List<ServiceMap.Edge> all = map.edges();
        status.removeClassName("meridian-error-text");
        if (map.nodes().isEmpty()) {
            status.setText("No services in this time range.");
        } else if (all.isEmpty()) {
            status.setText(EMPTY);
        } else if (drawn.nodes().size() < map.nodes().size()) {
            status.setText("Drawing the " + drawn.nodes().size() + " busiest of " + map.nodes().size()
                    + " services; the table lists every call.");
        } else {
            status.setText("");
        }
        status.setVisible(!status.getText().isEmpty());
        if (map.nodes().isEmpty()) {
            chart.showEmpty("No services in this time range");
        } else {
            chart.showData();
        }
        chart.replace(drawn.option());
        edges.setItems(all);
    }
}
