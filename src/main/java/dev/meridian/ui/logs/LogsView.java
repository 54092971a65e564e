package dev.meridian.ui.logs;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.meridian.query.LogQueries;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.base.LogLinks;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.QueryString;
import dev.meridian.ui.base.RefreshScheduler;
import dev.meridian.ui.base.Refreshable;
import dev.meridian.ui.base.ServicePicker;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Log search and live tail: {@code /logs?q=&severity=&service=&traceId=&from=&to=}. Newest first;
 * "Load older" pages backwards; live tail merges new records at the top every two seconds.
 * Every filter change navigates, so the URL is always the bookmarkable state of the view.
 */
@Route(value = "logs", layout = MainLayout.class)
@PageTitle("Logs · Meridian")
@StyleSheet("explore.css")
public class LogsView extends VerticalLayout implements BeforeEnterObserver, Refreshable {

    static final int PAGE_SIZE = 200;
    /** Rows a tab keeps: live tail drops the oldest beyond this, so a tab left open for days does not grow. */
    static final int CAPACITY = 5000;
    /**
     * Characters of log bodies a tab keeps (about 32 MB of heap at most): 5,000 rows of 1 MB bodies would
     * otherwise hold gigabytes. Beyond it the oldest rows go, as beyond {@link #CAPACITY}.
     */
    static final long BODY_BUDGET = 16_000_000;
    static final Duration TAIL_INTERVAL = Duration.ofSeconds(2);
    /** Live tail re-reads this much before the newest record shown: exporters batch, so records arrive late. */
    static final Duration TAIL_OVERLAP = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(LogsView.class);

    private final ObjectProvider<LogQueries> logQueries;
    private final ObjectProvider<ServiceQueries> serviceQueries;
    private final RefreshScheduler scheduler;
    private final Clock clock;

    private final TextField textField = new TextField();
    private final Select<Severity> severitySelect = new Select<>();
    private final ServicePicker serviceBox = new ServicePicker(null);
    private final TextField traceField = new TextField();
    private final Button liveButton = new Button();
    private final Div errorBanner = new Div();
    private final Grid<LogRow> grid = new Grid<>();
    private final Div emptyState = new Div();
    private final Span summary = new Span();
    private final Button loadOlder = new Button("Load older", VaadinIcon.ANGLE_DOWN.create());

    private final LogBuffer buffer = new LogBuffer(CAPACITY, BODY_BUDGET);
    private final ViewLoader<List<String>> serviceNames;
    private final ViewLoader<List<LogRecord>> pages;
    private final ViewLoader<List<LogRecord>> tail;
    private LogFilter filter = LogFilter.NONE;
    private TimeSelection time = TimeSelection.DEFAULT;
    private TimeRange range;
    private boolean showing;
    private boolean live;
    private boolean lastPageFull;
    private ScheduledFuture<?> tailTask;

    public LogsView(ObjectProvider<LogQueries> logQueries, ObjectProvider<ServiceQueries> serviceQueries,
                    RefreshScheduler scheduler, ObjectProvider<Clock> clock, ViewTasks tasks) {
        this.logQueries = logQueries;
        this.serviceNames = tasks.loader(this);
        this.pages = tasks.loader(this);
        this.tail = tasks.loader(this);
        this.serviceQueries = serviceQueries;
        this.scheduler = scheduler;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.range = time.resolve(this.clock);
        addClassName("logs-view");
        setSizeFull();
        setPadding(false);
        setSpacing(false);

        add(toolbar(), errorBanner, grid, footer());
        errorBanner.addClassName("explore-error");
        errorBanner.getElement().setAttribute("role", "alert");
        errorBanner.setVisible(false);
        configureGrid();
        expand(grid);
    }

    // ---- links -------------------------------------------------------------------------------

    /** {@code logs?…} for the filter, in the current time window of the target page. */
    public static String link(LogFilter filter) {
        return link(filter, null);
    }

    /** {@code logs?…} for the filter and time window ({@code null}: the default window). */
    public static String link(LogFilter filter, TimeSelection time) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        filter.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        if (time != null) {
            time.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        }
        return QueryString.link("logs", parameters);
    }

    /** The logs of one trace between two instants, e.g. from the trace view. */
    public static String linkToTrace(TraceId traceId, Instant from, Instant to) {
        return LogLinks.forTrace(traceId, from, to);
    }

    // ---- layout ------------------------------------------------------------------------------

    private HorizontalLayout toolbar() {
        textField.setPlaceholder("Search log bodies…");
        textField.setAriaLabel("Search text");
        textField.setPrefixComponent(VaadinIcon.SEARCH.create());
        textField.setClearButtonVisible(true);
        textField.setValueChangeMode(ValueChangeMode.LAZY);
        textField.setValueChangeTimeout(600);
        textField.setMinWidth("16em");
        textField.addValueChangeListener(e -> {
            if (!showing) {
                apply(filter.withText(e.getValue()));
            }
        });

        severitySelect.setAriaLabel("Minimum severity");
        severitySelect.addClassName("explore-severity");
        severitySelect.setItems(Severity.values());
        severitySelect.setEmptySelectionAllowed(true);
        severitySelect.setEmptySelectionCaption("Any severity");
        severitySelect.setItemLabelGenerator(s -> s == null ? "Any severity" : s.name() + " and above");
        severitySelect.setWidth("12.5em");
        severitySelect.addValueChangeListener(e -> {
            if (!showing) {
                apply(filter.withMinSeverity(e.getValue()));
            }
        });

        serviceBox.setAriaLabel("Service");
        serviceBox.setWidth("12em");
        serviceBox.addValueChangeListener(e -> {
            if (!showing) {
                apply(filter.withService(e.getValue()));
            }
        });

        traceField.setPlaceholder("Trace id");
        traceField.setAriaLabel("Trace id");
        traceField.setClearButtonVisible(true);
        traceField.setValueChangeMode(ValueChangeMode.LAZY);
        traceField.setValueChangeTimeout(600);
        traceField.setWidth("14em");
        traceField.setErrorMessage("32 hex characters");
        traceField.addValueChangeListener(e -> {
            if (showing) {
                return;
            }
            String value = e.getValue();
            Optional<TraceId> id = LogFilter.parseTraceId(value);
            boolean blank = value == null || value.isBlank();
            traceField.setInvalid(!blank && id.isEmpty());
            if (blank || id.isPresent()) {
                apply(filter.withTraceId(id.orElse(null)));
            }
        });

        liveButton.addClickListener(click -> setLive(!live));
        liveButton.getElement().setAttribute("aria-pressed", "false");
        showLive();

        HorizontalLayout bar = new HorizontalLayout(textField, severitySelect, serviceBox, traceField, liveButton);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(textField);
        bar.addClassName("explore-toolbar");
        return bar;
    }

    private void configureGrid() {
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addClassName("logs-grid");
        grid.setWidthFull();
        grid.addColumn(row -> LogText.time(row.timeNanos())).setHeader("Time (UTC)")
                .setWidth("12.5em").setFlexGrow(0).setPartNameGenerator(row -> "log-time");
        grid.addColumn(LitRenderer.<LogRow>of("<span class=\"sev sev-${item.level}\">${item.label}</span>")
                        .withProperty("level", row -> LogText.severityClass(row.record()))
                        .withProperty("label", row -> LogText.severityLabel(row.record())))
                .setHeader("Level").setWidth("6.5em").setFlexGrow(0);
        grid.addColumn(row -> row.record().serviceName()).setHeader("Service")
                .setWidth("11em").setFlexGrow(0).setResizable(true);
        grid.addColumn(LitRenderer.<LogRow>of("<span class=\"log-body\">${item.body}</span>")
                        .withProperty("body", row -> LogText.oneLine(row.record().body())))
                .setHeader("Message").setFlexGrow(1);
        grid.addColumn(LitRenderer.<LogRow>of(
                                "<a class=\"log-trace\" href=\"${item.href}\" router-link ?hidden=\"${!item.href}\""
                                        + " title=\"Open trace\" @click=\"${e => e.stopPropagation()}\">${item.trace}</a>")
                        .withProperty("href", row -> LogText.traceLink(row.record().traceId(), row.record().spanId()))
                        .withProperty("trace", row -> LogText.shortId(row.record().traceId())))
                .setHeader("Trace").setWidth("7em").setFlexGrow(0).setTextAlign(ColumnTextAlign.START);
        grid.setPartNameGenerator(row -> row.fresh() ? "log-fresh" : null);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(row -> new LogDetails(row, this::apply, filter)));
        grid.setDetailsVisibleOnClick(true);
        grid.setItems(buffer.rows());
        emptyState.addClassName("explore-empty");
        grid.setEmptyStateComponent(emptyState);
    }

    private HorizontalLayout footer() {
        summary.addClassName("explore-summary");
        loadOlder.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        loadOlder.addClickListener(click -> loadOlder());
        HorizontalLayout footer = new HorizontalLayout(summary, loadOlder);
        footer.setWidthFull();
        footer.setAlignItems(FlexComponent.Alignment.CENTER);
        footer.expand(summary);
        footer.addClassName("explore-footer");
        return footer;
    }

    // ---- navigation --------------------------------------------------------------------------

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        time = TimeSelection.fromParameters(parameters);
        filter = LogFilter.fromParameters(parameters);
        showFilter();
        search();
    }

    /** Navigates to the same view with the new filter: the URL stays the view's state. */
    private void apply(LogFilter next) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        next.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        time.toParameters().forEach((name, value) -> parameters.put(name, List.of(value)));
        getUI().ifPresent(ui -> ui.navigate("logs", new QueryParameters(parameters)));
    }

    private void showFilter() {
        showing = true;
        try {
            textField.setValue(filter.text() == null ? "" : filter.text());
            severitySelect.setValue(filter.minSeverity());
            traceField.setValue(filter.traceId() == null ? "" : filter.traceId().toHex());
            traceField.setInvalid(false);
            showServices(List.of());
        } finally {
            showing = false;
        }
        TimeRange window = time.resolve(clock);
        serviceNames.load(() -> loadServiceNames(window), names -> {
            showing = true;
            try {
                showServices(names);
            } finally {
                showing = false;
            }
        }, e -> log.warn("Could not list services", e));
    }

    /** The service picker's items: the names found, and the filtered service even when it sent nothing. */
    private void showServices(List<String> names) {
        List<String> services = new ArrayList<>(names);
        if (filter.service() != null && !services.contains(filter.service())) {
            services.addFirst(filter.service());
        }
        serviceBox.setItems(services);
        serviceBox.setValue(filter.service());
    }

    /** Off the session lock. */
    private List<String> loadServiceNames(TimeRange window) {
        ServiceQueries queries = serviceQueries.getIfAvailable();
        return queries == null ? List.of() : queries.services(window).stream().map(ServiceSummary::name).toList();
    }

    // ---- data --------------------------------------------------------------------------------

    private void search() {
        range = time.resolve(clock);
        tail.cancel(); // a poll for the previous filter must not merge into this one
        buffer.clear();
        grid.getDataProvider().refreshAll();
        fetch(null);
    }

    private void loadOlder() {
        // +1: records sharing the oldest shown time that did not fit the last page come along; the buffer drops repeats
        buffer.oldestNanos().ifPresent(oldest -> fetch(oldest + 1));
    }

    private void fetch(Long beforeNanos) {
        LogQueries queries = logQueries.getIfAvailable();
        if (queries == null) {
            showError("Log storage is not available in this build.");
            showSummary();
            return;
        }
        var search = filter.toSearch(range, PAGE_SIZE, beforeNanos);
        showLoading();
        pages.load(() -> queries.search(search), page -> {
            lastPageFull = page.size() >= PAGE_SIZE;
            buffer.appendOlder(page);
            clearError();
            grid.getDataProvider().refreshAll();
            showSummary();
        }, e -> {
            log.warn("Log search failed", e);
            lastPageFull = false;
            showError("Could not load logs: " + message(e));
            grid.getDataProvider().refreshAll();
            showSummary();
        });
    }

    /** Live tail and auto-refresh: merge what arrived since the newest record shown. */
    private void pollNewer() {
        LogQueries queries = logQueries.getIfAvailable();
        if (queries == null || tail.busy() || pages.busy()) {
            return; // the previous poll is still reading (or the first page is): skip this turn
        }
        Instant now = clock.instant();
        long end = TimeRange.toNanos(now) + 1;
        long start = buffer.newestNanos().orElse(range.startNanos()) - TAIL_OVERLAP.toNanos();
        start = Math.max(Math.min(start, end), time.isRelative() || live ? Long.MIN_VALUE : range.startNanos());
        TimeRange window = new TimeRange(start, end);
        LogFilter polled = filter;
        tail.load(() -> readNewer(queries, polled, window), newer -> {
            range = new TimeRange(Math.min(range.startNanos(), end), Math.max(range.endNanos(), end));
            boolean hadFresh = buffer.rows().stream().anyMatch(LogRow::fresh);
            int added = buffer.mergeNewer(newer);
            clearError();
            if (added > 0 || hadFresh) {
                grid.getDataProvider().refreshAll();
            }
            showSummary();
        }, e -> {
            log.warn("Live tail poll failed", e);
            showError("Live tail could not load logs: " + message(e));
        });
    }

    /**
     * Everything in the window, newest first, read page by page so a burst of more than a page between
     * two polls leaves no gap; bounded by the buffer's capacity.
     */
    private static List<LogRecord> readNewer(LogQueries queries, LogFilter filter, TimeRange window) {
        List<LogRecord> newer = new ArrayList<>();
        Long before = null;
        while (newer.size() < CAPACITY) {
            List<LogRecord> page = queries.search(filter.toSearch(window, PAGE_SIZE, before));
            newer.addAll(page);
            if (page.size() < PAGE_SIZE) {
                break;
            }
            // records sharing the boundary time are read again; the buffer drops what it already has
            long oldest = page.getLast().effectiveTimeNanos() + 1;
            if (before != null && oldest >= before) {
                break;
            }
            before = oldest;
        }
        return newer;
    }

    @Override
    public void refresh() {
        if (!time.isRelative()) {
            return;
        }
        pollNewer();
    }

    // ---- live tail ---------------------------------------------------------------------------

    private void setLive(boolean on) {
        live = on;
        showLive();
        cancelTail();
        if (on) {
            pollNewer();
            startTail();
        }
    }

    private void showLive() {
        liveButton.setText(live ? "Live" : "Live tail");
        liveButton.setIcon(live ? VaadinIcon.PAUSE.create() : VaadinIcon.PLAY.create());
        liveButton.setTooltipText(live ? "Stop following new records" : "Follow new records as they arrive");
        liveButton.removeThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        if (live) {
            liveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        }
        liveButton.getElement().setAttribute("aria-pressed", Boolean.toString(live));
    }

    private void startTail() {
        UI ui = UI.getCurrent();
        if (ui == null) {
            return;
        }
        tailTask = scheduler.every(TAIL_INTERVAL, () -> ui.access(() -> {
            if (live) { // only starts the poll: the query runs off the session lock
                pollNewer();
            }
        }));
    }

    private void cancelTail() {
        if (tailTask != null) {
            tailTask.cancel(false);
            tailTask = null;
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (live && tailTask == null) {
            startTail();
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        cancelTail();
        super.onDetach(detachEvent);
    }

    // ---- states ------------------------------------------------------------------------------

    private void showLoading() {
        summary.setText("Loading logs…");
        emptyState.removeAll();
        Span title = new Span("Loading logs…");
        title.addClassName("explore-empty-title");
        emptyState.add(title);
    }

    private void showSummary() {
        int count = buffer.size();
        String window = LogText.time(range.startNanos()) + " – " + LogText.time(range.endNanos()) + " UTC";
        if (count == 0) {
            summary.setText(live ? "Waiting for new records… · " + window : window);
        } else {
            summary.setText(count + (count == 1 ? " record" : " records") + ", newest first · " + window
                    + (live ? " · live" : ""));
        }
        loadOlder.setVisible(count > 0);
        boolean more = lastPageFull && !buffer.truncated() && count < CAPACITY;
        loadOlder.setEnabled(more);
        loadOlder.setText(more ? "Load older" : "No older records in this range");
        showEmptyState();
    }

    private void showEmptyState() {
        emptyState.removeAll();
        Span title = new Span();
        title.addClassName("explore-empty-title");
        Span hint = new Span();
        hint.addClassName("explore-empty-hint");
        if (errorBanner.isVisible()) {
            title.setText("Logs could not be loaded");
            hint.setText("See the message above; the search is unchanged.");
        } else if (filter.isEmpty()) {
            title.setText("No logs in this range — is your SDK pointing at :4318?");
            hint.setText("Meridian receives OTLP logs on port 4318 (HTTP) and 4317 (gRPC). "
                    + "Set OTEL_EXPORTER_OTLP_ENDPOINT=http://<this host>:4318, or widen the time range.");
        } else {
            title.setText("No logs match these filters in this range");
            hint.setText("Try a lower severity, another service, or a wider time range.");
            Button clear = new Button("Clear filters", click -> apply(LogFilter.NONE));
            clear.addThemeVariants(ButtonVariant.LUMO_SMALL);
            emptyState.add(title, hint, clear);
            return;
        }
        emptyState.add(title, hint);
    }

    private void showError(String text) {
        errorBanner.setText(text);
        errorBanner.setVisible(true);
        showEmptyState();
    }

    private void clearError() {
        errorBanner.setVisible(false);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
