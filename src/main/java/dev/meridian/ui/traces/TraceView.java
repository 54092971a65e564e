package dev.meridian.ui.traces;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.meridian.query.TraceQueries;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TraceId;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.QueryString;
import dev.meridian.ui.base.CompareLinks;
import dev.meridian.ui.base.LogLinks;
import dev.meridian.ui.base.Refreshable;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * One trace: header, span waterfall, the selected span's details, and the trace's logs. The URL is
 * {@code /traces/{traceId}?span={spanId}}; {@code span} selects and scrolls to that span, and changes
 * as the user selects spans, so the address can be shared. Build links with {@link #link}.
 */
@Route(value = "traces/:" + TraceView.TRACE_ID, layout = MainLayout.class)
@StyleSheet("trace-view.css")
public class TraceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle, Refreshable {

    private static final Logger LOG = LoggerFactory.getLogger(TraceView.class);
    static final String TRACE_ID = "traceId";
    public static final String SPAN = "span";

    private final ObjectProvider<TraceQueries> traces;
    private final TraceWaterfall waterfall = new TraceWaterfall();
    private final SpanDetailsPanel details = new SpanDetailsPanel();
    private final TraceLogList logs = new TraceLogList();
    private final ViewLoader<Optional<TraceModel>> loader;
    private TraceModel model;
    private SpanNode selected;
    private Map<String, List<String>> timeParameters = Map.of();
    private String title = "Trace · Meridian";

    public TraceView(ObjectProvider<TraceQueries> traces, ViewTasks tasks) {
        this.traces = traces;
        this.loader = tasks.loader(this);
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        addClassName("tw-view");
        waterfall.addSelectionListener(event -> showSpan(event.node(), true));
        details.addCloseListener(event -> {
            waterfall.select(null);
            showSpan(null, true);
        });
        logs.addSpanRequestListener(event -> {
            waterfall.select(event.node());
            showSpan(event.node(), true);
        });
    }

    /**
     * The location of a trace, optionally with a span selected: {@code traces/{traceId}?span={spanId}},
     * relative to the application root, for an {@code Anchor} href or a shared address. From server code
     * use {@link #navigate}, or {@link #routeParameters} and {@link #queryParameters}: Flow's
     * {@code UI.navigate(String)} keeps a {@code ?} in the path (the view still reads it, but Flow asserts on it).
     */
    public static String link(TraceId traceId, SpanId selectedSpanOrNull) {
        return new Location("traces/" + traceId.toHex(), queryParameters(selectedSpanOrNull)).getPathWithQueryParameters();
    }

    public static RouteParameters routeParameters(TraceId traceId) {
        return new RouteParameters(TRACE_ID, traceId.toHex());
    }

    public static QueryParameters queryParameters(SpanId selectedSpanOrNull) {
        return selectedSpanOrNull == null || !selectedSpanOrNull.isValid()
                ? QueryParameters.empty()
                : QueryParameters.of(SPAN, selectedSpanOrNull.toHex());
    }

    /** Navigates the current UI to a trace. */
    public static void navigate(TraceId traceId, SpanId selectedSpanOrNull) {
        UI.getCurrent().navigate(TraceView.class, routeParameters(traceId), queryParameters(selectedSpanOrNull));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        model = null;
        selected = null;
        String text = event.getRouteParameters().get(TRACE_ID).orElse("");
        QueryParameters query = event.getLocation().getQueryParameters();
        timeParameters = new LinkedHashMap<>();
        TimeSelection.fromParameters(query.getParameters()).toParameters()
                .forEach((name, value) -> timeParameters.put(name, List.of(value)));
        int separator = text.indexOf('?');
        if (separator >= 0) { // UI.navigate(String) keeps "?span=…" in the path: read it anyway
            query = QueryParameters.fromString(text.substring(separator + 1));
            text = text.substring(0, separator);
        }
        TraceId traceId;
        try {
            traceId = TraceId.fromHex(text.trim());
        } catch (IllegalArgumentException e) {
            showProblem(VaadinIcon.WARNING, "Not a trace id",
                    "“" + abbreviate(text) + "” is not a trace id. A trace id is 32 hexadecimal characters, "
                            + "for example 4bf92f3577b34da6a3ce929d0e0e4736.");
            title = "Not a trace id · Meridian";
            return;
        }
        if (!traceId.isValid()) {
            showProblem(VaadinIcon.WARNING, "Not a trace id", "The all-zero trace id is invalid in OpenTelemetry.");
            title = "Not a trace id · Meridian";
            return;
        }
        TraceQueries queries = traces.getIfAvailable();
        if (queries == null) {
            showProblem(VaadinIcon.DATABASE, "Trace storage is not available", "No trace store is configured.");
            return;
        }
        showProblem(VaadinIcon.HOURGLASS, "Loading trace…", "Reading the spans and logs of " + traceId.toHex() + ".");
        QueryParameters requestedSpan = query;
        loader.load(() -> read(queries, traceId), found -> {
            removeAll();
            if (found.isEmpty()) {
                showProblem(VaadinIcon.SEARCH, "Trace not found",
                        "No span of trace " + traceId.toHex() + " is stored. It may not have arrived yet, "
                                + "or retention may have removed it.");
                title = "Trace not found · Meridian";
                updateTitle();
                return;
            }
            model = found.get();
            title = model.root().map(r -> r.serviceName() + ": " + r.span().name()).orElse("Trace") + " · Meridian";
            updateTitle();
            showTrace();
            SpanNode requested = spanParameter(requestedSpan).flatMap(model::find).orElse(null);
            if (requested != null) {
                waterfall.select(requested);
                showSpan(requested, false);
            }
        }, e -> {
            removeAll();
            LOG.warn("Could not read trace {}", traceId, e);
            showProblem(VaadinIcon.WARNING, "Trace could not be loaded",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        });
    }

    /** Off the session lock: the stored trace, arranged (a large trace takes a while to arrange too). */
    private static Optional<TraceModel> read(TraceQueries queries, TraceId traceId) {
        long started = System.nanoTime();
        Optional<TraceQueries.Trace> trace = queries.trace(traceId);
        long loaded = System.nanoTime();
        if (trace.isEmpty() || trace.get().spans().isEmpty()) {
            return Optional.empty();
        }
        TraceModel model = TraceModel.of(trace.get());
        LOG.debug("trace {}: {} spans, {} logs, read in {} ms, arranged in {} ms", traceId, model.spanCount(),
                model.logs().size(), (loaded - started) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000);
        return Optional.of(model);
    }

    private void updateTitle() {
        getUI().ifPresent(ui -> ui.getPage().setTitle(title));
    }

    /** Auto-refresh: a trace still arriving is re-read; the selected span stays selected. */
    @Override
    public void refresh() {
        TraceQueries queries = traces.getIfAvailable();
        if (model == null || queries == null || loader.busy()) {
            return;
        }
        TraceModel shown = model;
        loader.load(() -> queries.trace(shown.traceId())
                .filter(trace -> trace.spans().size() != shown.spanCount() || trace.logs().size() != shown.logs().size())
                .map(TraceModel::of), this::showNewer, e -> LOG.warn("Could not re-read trace {}", shown.traceId(), e));
    }

    private void showNewer(Optional<TraceModel> newer) {
        if (newer.isEmpty()) {
            return; // unchanged
        }
        SpanId keep = selected == null ? null : selected.span().spanId();
        model = newer.get();
        removeAll();
        showTrace();
        if (keep != null) {
            model.find(keep).ifPresent(node -> {
                waterfall.select(node);
                showSpan(node, false);
            });
        }
    }

    private static Optional<SpanId> spanParameter(QueryParameters parameters) {
        return parameters.getSingleParameter(SPAN).flatMap(text -> {
            try {
                return Optional.of(SpanId.fromHex(text.trim()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private void showTrace() {
        waterfall.show(model);
        details.showEmpty();
        logs.show(model);

        SplitLayout spans = new SplitLayout(waterfall, details);
        spans.setSplitterPosition(60);
        spans.setSizeFull();
        spans.addClassName("tw-split");

        Div logsSection = new Div();
        logsSection.addClassName("tw-logs-section");
        Div logsHeader = new Div();
        logsHeader.addClassName("tw-logs-header");
        Span logsTitle = new Span("Logs ");
        logsTitle.addClassName("tw-section-title");
        Span count = new Span(String.valueOf(model.logs().size()));
        count.addClassName("tw-count");
        logsTitle.add(count);
        Span hint = new Span(model.logs().isEmpty() ? "" : "in time order · click a row to select its span");
        hint.addClassName("tw-muted");
        // the trace's own window (with a minute either side for late logs), not the default last hour
        Anchor viewInLogs = new Anchor(LogLinks.forTrace(model.traceId(),
                TimeRange.toInstant(model.startNanos()).minusSeconds(60),
                TimeRange.toInstant(model.endNanos()).plusSeconds(60)), "View in Logs");
        viewInLogs.getElement().setAttribute("router-link", true);
        viewInLogs.addClassName("tw-action");
        logsHeader.add(logsTitle, hint, viewInLogs);
        logsSection.add(logsHeader, logs);

        SplitLayout body = new SplitLayout(spans, logsSection);
        body.setOrientation(SplitLayout.Orientation.VERTICAL);
        body.setSplitterPosition(model.logs().isEmpty() ? 85 : 68);
        body.setSizeFull();
        body.addClassName("tw-body");

        add(new TraceHeader(model, node -> {
            waterfall.select(node);
            showSpan(node, true);
        }));
        // per span path, this trace against typical traces of its root operation (ui.compare)
        Anchor typical = new Anchor(CompareLinks.typical(model.traceId()), "Compare with typical →");
        typical.getElement().setAttribute("router-link", true);
        typical.addClassName("tw-action");
        typical.setId("compare-typical");
        add(typical);
        if (model.omittedSpans() > 0 || model.omittedLogs() > 0) {
            Div truncated = new Div("This trace is larger than Meridian shows at once: the first " + model.spanCount()
                    + " spans and " + model.logs().size() + " logs by start time are shown; " + model.omittedSpans()
                    + " spans and " + model.omittedLogs() + " logs are not (meridian.query.max-trace-spans).");
            truncated.addClassName("tw-truncated");
            truncated.getElement().setAttribute("role", "status");
            add(truncated);
        }
        add(body);
        setFlexGrow(1, body);
    }

    private void showSpan(SpanNode node, boolean updateUrl) {
        if (model == null) {
            return;
        }
        selected = node;
        if (node == null) {
            details.showEmpty();
        } else {
            details.show(model, node);
        }
        if (updateUrl) {
            // the span is shareable, and the time window and refresh stay as they came
            String url = link(model.traceId(), node == null ? null : node.span().spanId());
            String time = QueryString.of(timeParameters);
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                    time.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + time));
        }
    }

    private void showProblem(VaadinIcon icon, String heading, String message) {
        Div box = new Div();
        box.addClassName("tw-problem");
        Icon symbol = icon.create();
        symbol.addClassName("tw-problem-icon");
        H2 h = new H2(heading);
        Span text = new Span(message);
        Anchor search = new Anchor("traces", "Search traces");
        search.getElement().setAttribute("router-link", true);
        box.add(symbol, h, text, search);
        add(box);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    /** For tests: the model on show, if a trace is shown. */
    Optional<TraceModel> model() {
        return Optional.ofNullable(model);
    }
}
