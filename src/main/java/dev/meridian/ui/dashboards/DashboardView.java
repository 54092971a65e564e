package dev.meridian.ui.dashboards;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.meridian.dashboards.ChartKind;
import dev.meridian.alerts.AlertRuleStore;
import dev.meridian.alerts.AlertStateStore;
import dev.meridian.dashboards.BuiltInDashboards;
import dev.meridian.dashboards.Dashboard;
import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.Variables;
import dev.meridian.ui.base.AlertShading;
import dev.meridian.ui.chart.ChartOptions;
import org.springframework.beans.factory.ObjectProvider;
import dev.meridian.dashboards.DashboardJson;
import dev.meridian.dashboards.DashboardStore;
import dev.meridian.dashboards.InvalidDashboardException;
import dev.meridian.dashboards.Panel;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.dashboards.StaleDashboardException;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.MetricQuery;
import dev.meridian.query.ResourceAttributeValues;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.TraceSearch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.DrillDown;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.Refreshable;
import dev.meridian.ui.base.Steps;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import dev.meridian.ui.traces.TraceSearchParameters;
import dev.meridian.ui.traces.TraceSearchView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /dashboards/{id}}: a user-built dashboard. Panels follow the global time range and
 * auto-refresh (a refresh merges new data into the live charts); in edit mode panels can be added,
 * edited, moved and removed and the dashboard renamed, all on a draft until Save. A click or a
 * brushed range on a panel opens the traces of its service (and operation) in that window, slowest
 * first (errors first from an error-rate panel).
 * <p>
 * A dashboard's variables are pickers above the panels; their values live in the URL as {@code var-<name>}
 * ({@link VariableSelection}) and fill {@code $name} in the panels' queries and titles ({@link Variables}).
 * Changing a picker navigates (so the URL, reload and back keep it); a built-in dashboard has "Restore built-in".
 */
@Route(value = "dashboards/:id", layout = MainLayout.class)
@StyleSheet("dashboards.css")
public class DashboardView extends VerticalLayout implements BeforeEnterObserver, Refreshable, HasDynamicTitle,
        PanelCard.Actions {

    private static final Logger log = LoggerFactory.getLogger(DashboardView.class);

    private final DashboardStore store;
    private final ServiceQueries services;
    private final MetricQueries metrics;
    private final Clock clock;

    private final H2 title = new H2();
    private final Span description = new Span();
    private final Span editBadge = new Span("Editing — changes are kept only after Save");
    private final Div toolbar = new Div();
    private final VariablesBar variableBar = new VariablesBar();
    private final Div grid = new Div();
    private final Div emptyState = new Div();
    private final List<PanelCard> cards = new ArrayList<>();
    /** Units of the metric panels shown; cleared when the panels change, so it holds at most one per panel. */
    private final Map<String, String> metricUnits = new ConcurrentHashMap<>();
    private final AlertRuleStore alertRules;
    private final AlertStateStore alertStates;
    private final ViewLoader<Load> loader;
    /** Restoring a built-in writes to the database: off the session lock like every read. */
    private final ViewLoader<Optional<Dashboard>> restoring;
    private final ResourceAttributeValues attributeValues;
    private final BuiltInDashboards builtIns;
    private final ViewTasks tasks;

    private String id;
    private Dashboard saved;
    private Dashboard draft;
    private boolean editing;
    private TimeSelection selection = TimeSelection.DEFAULT;
    private TimeRange range;
    private Duration step;
    private VariableSelection variables = VariableSelection.NONE;
    private Map<String, List<String>> queryParameters = Map.of();

    /** One panel's data (of the panel as substituted: {@code shown}), or why it has none. */
    private record Loaded(Panel shown, PanelData data, List<ChartOptions.Shaded> firing, RuntimeException failure,
                          String note) {
    }

    /** What one load read: the pickers' options (with the selection's defaults) and every panel. */
    private record Load(VariableOptions variables, List<Loaded> panels) {
    }

    public DashboardView(DashboardStore store, ServiceQueries services, MetricQueries metrics, Clock clock,
                         ViewTasks tasks, ObjectProvider<AlertRuleStore> alertRules, ObjectProvider<AlertStateStore> alertStates,
                         ResourceAttributeValues attributeValues, BuiltInDashboards builtIns) {
        this.attributeValues = attributeValues;
        this.builtIns = builtIns;
        this.alertRules = alertRules.getIfAvailable();
        this.alertStates = alertStates.getIfAvailable();
        this.loader = tasks.loader(this);
        this.restoring = tasks.loader(this);
        this.tasks = tasks;
        this.store = store;
        this.services = services;
        this.metrics = metrics;
        this.clock = clock;
        addClassName("dashboard-view");
        setWidthFull();
        setPadding(false);

        title.addClassName("dashboard-title");
        description.addClassName("dashboard-description");
        editBadge.addClassName("dashboard-edit-badge");
        Div heading = new Div(title, description, editBadge);
        heading.addClassName("dashboard-heading");
        toolbar.addClassName("dashboard-toolbar");
        Div header = new Div(heading, toolbar);
        header.addClassName("dashboard-header");
        grid.addClassName("dashboard-grid");
        emptyState.addClassName("dashboard-empty");
        variableBar.addPickedListener(picked -> pick(picked.selection()));
        add(header, variableBar, emptyState, grid);
    }

    /** The route of a dashboard. */
    public static String link(String dashboardId) {
        return "dashboards/" + dashboardId;
    }

    @Override
    public String getPageTitle() {
        return (draft == null ? "Dashboard" : draft.title()) + " · Meridian";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String next = event.getRouteParameters().get("id").orElse("");
        queryParameters = event.getLocation().getQueryParameters().getParameters();
        selection = TimeSelection.fromParameters(queryParameters);
        if (editing && next.equals(id)) {
            variables = VariableSelection.fromParameters(queryParameters, draft.variables());
            rebuild(); // titles follow the variables
            return;
        }
        id = next;
        editing = false;
        saved = store.find(id).orElse(null);
        draft = saved;
        variables = draft == null ? VariableSelection.NONE : VariableSelection.fromParameters(queryParameters, draft.variables());
        rebuild();
    }

    // ---- layout ------------------------------------------------------------------------------

    private void rebuild() {
        toolbar.removeAll();
        grid.removeAll();
        cards.clear();
        metricUnits.clear();
        emptyState.removeAll();
        if (draft == null) {
            title.setText("Dashboard not found");
            description.setText("");
            editBadge.setVisible(false);
            emptyState.add(new Paragraph("There is no dashboard with this id; it may have been deleted."),
                    new RouterLink("All dashboards", DashboardsView.class));
            emptyState.setVisible(true);
            variableBar.show(List.of(), VariableSelection.NONE);
            return;
        }
        title.setText(draft.title());
        description.setText(draft.description());
        description.setVisible(!draft.description().isEmpty());
        editBadge.setVisible(editing);
        if (editing) {
            toolbar.add(button("Add panel", VaadinIcon.PLUS, this::addPanel, ButtonVariant.LUMO_PRIMARY),
                    button("Rename", VaadinIcon.PENCIL, this::rename, null),
                    button("Variables", VaadinIcon.DOLLAR, this::editVariables, null),
                    button("Cancel", null, this::cancel, null),
                    button("Save", VaadinIcon.CHECK, this::save, ButtonVariant.LUMO_PRIMARY));
        } else {
            toolbar.add(button("Edit", VaadinIcon.EDIT, this::edit, null),
                    button("Export JSON", VaadinIcon.DOWNLOAD, this::export, null));
            if (BuiltInDashboards.isBuiltIn(id)) {
                toolbar.add(button("Restore built-in", VaadinIcon.ROTATE_LEFT, this::confirmRestore, null));
            }
            toolbar.add(button("Delete", VaadinIcon.TRASH, this::confirmDelete, ButtonVariant.LUMO_ERROR));
        }
        variableBar.show(draft.variables(), variables);
        List<Panel> panels = draft.panels();
        emptyState.setVisible(panels.isEmpty());
        if (panels.isEmpty()) {
            Paragraph text = new Paragraph("This dashboard has no panels yet. Add one to chart a service's throughput, "
                    + "errors or latency, or any OTLP metric.");
            emptyState.add(text, button("Add panel", VaadinIcon.PLUS, () -> {
                if (!editing) {
                    edit();
                }
                addPanel();
            }, ButtonVariant.LUMO_PRIMARY));
        }
        Map<String, String> values = variables.values(draft.variables());
        for (int i = 0; i < panels.size(); i++) {
            PanelCard card = new PanelCard(panels.get(i), Variables.substitute(panels.get(i), values), editing, i == 0,
                    i == panels.size() - 1, this);
            card.chart().addPlotClickListener(click -> drill(card,
                    DrillDown.bucketAt(click.getTime(), card.data() == null ? List.of() : card.data().buckets(), stepOf(card))));
            card.chart().addRangeSelectListener(brush -> drill(card, new DrillDown.Window(brush.getFrom(), brush.getTo())));
            card.chart().showLoading();
            cards.add(card);
            grid.add(card);
        }
        load();
    }

    /** A user's pick (from the variables bar): into the URL (navigation keeps the time window), which reloads the panels. */
    private void pick(VariableSelection next) {
        QueryParameters parameters = new QueryParameters(next.applyTo(queryParameters, draft.variables()));
        getUI().ifPresent(ui -> ui.navigate(link(id), parameters));
    }

    /** After a load: the pickers' options, and the defaults it chose written into the URL (replacing, not adding, a history entry). */
    private void showVariables(VariableOptions read) {
        boolean defaulted = !read.selection().equals(variables);
        variables = read.selection();
        variableBar.showOptions(read);
        if (defaulted) {
            queryParameters = variables.applyTo(queryParameters, draft.variables());
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                    new Location(link(id), new QueryParameters(queryParameters))));
        }
    }

    private static Button button(String text, VaadinIcon icon, Runnable action, ButtonVariant variant) {
        Button button = icon == null ? new Button(text) : new Button(text, icon.create());
        button.addClickListener(click -> action.run());
        if (variant != null) {
            button.addThemeVariants(variant);
        }
        return button;
    }

    // ---- data --------------------------------------------------------------------------------

    @Override
    public void refresh() {
        if (!loader.busy()) { // an auto-refresh tick that finds the previous one still reading skips its turn
            load();
        }
    }

    private void load() {
        range = selection.resolve(clock);
        step = Steps.forRange(range, 60);
        List<PanelCard> shown = List.copyOf(cards);
        TimeRange window = range;
        Duration bucket = step;
        String dashboard = id;
        List<DashboardVariable> declared = draft == null ? List.of() : draft.variables();
        VariableSelection chosen = variables;
        loader.load(() -> {
            VariableOptions options = readOptions(declared, chosen, window);
            Map<String, String> values = options.selection().values(declared);
            AtomicReference<List<ServiceSummary>> summaries = new AtomicReference<>(); // read once per load
            AlertShading shading = readShading(window);
            List<Loaded> loaded = new ArrayList<>();
            for (PanelCard card : shown) {
                Panel panel = Variables.substitute(card.panel(), values);
                if (panel.query() instanceof PanelQuery.Red red && red.service() == null) {
                    loaded.add(new Loaded(panel, null, List.of(), null, "Pick a service above"));
                    continue;
                }
                if (panel.query() instanceof PanelQuery.Metric m && m.name() == null) {
                    loaded.add(new Loaded(panel, null, List.of(), null, "Pick a value for the metric name above"));
                    continue;
                }
                try {
                    loaded.add(new Loaded(panel, load(panel, window, bucket, summaries), shading.forPanel(panel.query()),
                            null, null));
                } catch (RuntimeException e) {
                    log.warn("Panel {} of dashboard {} failed to load", card.panel().id(), dashboard, e);
                    loaded.add(new Loaded(panel, null, List.of(), e, null));
                }
            }
            return new Load(options, loaded);
        }, load -> {
            if (draft != null && draft.variables().equals(declared)) {
                showVariables(load.variables());
            }
            for (int i = 0; i < shown.size(); i++) {
                Loaded panel = load.panels().get(i);
                shown.get(i).display(panel.shown());
                if (panel.data() != null) {
                    shown.get(i).show(panel.data(), window, panel.firing());
                } else if (panel.note() != null) {
                    shown.get(i).showNote(panel.note());
                } else {
                    shown.get(i).showError("Could not load this panel");
                }
            }
        }, e -> shown.forEach(card -> card.showError("Could not load this panel")));
    }

    /** Off the session lock: the pickers' options; none (and the selection as it is) when they cannot be read. */
    private VariableOptions readOptions(List<DashboardVariable> declared, VariableSelection chosen, TimeRange window) {
        try {
            return VariableOptions.read(declared, chosen, window, services, attributeValues);
        } catch (RuntimeException e) {
            log.warn("The options of a dashboard's variables could not be read", e);
            return new VariableOptions(Map.of(), List.of(), chosen);
        }
    }

    /** Off the session lock: when the rules on this dashboard's series fired (none when alerts cannot be read). */
    private AlertShading readShading(TimeRange window) {
        try {
            return AlertShading.read(alertRules, alertStates, window);
        } catch (RuntimeException e) {
            log.warn("Alert history could not be read for the dashboard's charts", e);
            return AlertShading.NONE;
        }
    }

    /** Off the session lock: one panel's data. */
    private PanelData load(Panel panel, TimeRange range, Duration step, AtomicReference<List<ServiceSummary>> summaries) {
        return switch (panel.query()) {
            case PanelQuery.Red red when red.figure() == RedFigure.STATUS_CLASSES ->
                    PanelData.statusClasses(services.statusClasses(red.service(), red.operation(), range, step));
            case PanelQuery.Red red when panel.kind() == ChartKind.STAT && red.figure() != RedFigure.THROUGHPUT
                    && red.figure() != RedFigure.ERROR_RATE ->
                    PanelData.red(services.series(red.service(), red.operation(), range, step), red.figure(), step)
                            .withWindowValue(windowPercentile(red, range, summaries));
            case PanelQuery.Red red -> PanelData.red(services.series(red.service(), red.operation(), range, step),
                    red.figure(), step);
            case PanelQuery.Metric m -> PanelData.metric(m.name(), metrics.series(new MetricQuery(m.name(), m.service(),
                    m.aggregation(), m.filters(), m.groupBy(), range, step)), m.aggregation(), unitOf(m));
        };
    }

    /** A percentile of every request in the window (merged histograms), not of the last bucket. */
    private double windowPercentile(PanelQuery.Red red, TimeRange range, AtomicReference<List<ServiceSummary>> summaries) {
        if (red.operation() != null) {
            return services.operations(red.service(), range).stream().filter(op -> op.name().equals(red.operation()))
                    .findFirst().map(op -> percentile(red.figure(), op.p50Ms(), op.p95Ms(), op.p99Ms())).orElse(Double.NaN);
        }
        return summaries.updateAndGet(known -> known == null ? services.services(range) : known).stream().filter(s -> s.name().equals(red.service())).findFirst()
                .map(s -> percentile(red.figure(), s.p50Ms(), s.p95Ms(), s.p99Ms())).orElse(Double.NaN);
    }

    private static double percentile(RedFigure figure, double p50, double p95, double p99) {
        return switch (figure) {
            case P50 -> p50;
            case P99 -> p99;
            default -> p95;
        };
    }

    private String unitOf(PanelQuery.Metric m) {
        String key = m.service() + "\u0000" + m.name();
        return metricUnits.computeIfAbsent(key, k -> metrics.metrics(m.service()).stream()
                .filter(d -> d.name().equals(m.name())).map(MetricDescriptor::unit).filter(Objects::nonNull)
                .findFirst().orElse(""));
    }

    private Duration stepOf(PanelCard card) {
        List<Instant> buckets = card.data() == null ? List.of() : card.data().buckets();
        if (buckets.size() >= 2) {
            return Duration.between(buckets.get(0), buckets.get(1));
        }
        return step;
    }

    // ---- drill-down --------------------------------------------------------------------------

    private void drill(PanelCard card, DrillDown.Window window) {
        PanelQuery query = card.shown().query();
        String operation = query instanceof PanelQuery.Red red ? red.operation() : null;
        TraceSearch.Sort sort = query instanceof PanelQuery.Red red && red.figure() == RedFigure.ERROR_RATE
                ? TraceSearch.Sort.ERRORS : TraceSearch.Sort.DURATION;
        TraceSearchParameters search = TraceSearchParameters.forService(query.service(), operation, sort);
        getUI().ifPresent(ui -> ui.navigate(TraceSearchView.class,
                TraceSearchView.query(search, TimeSelection.absolute(window.start(), window.end()))));
    }

    // ---- editing -----------------------------------------------------------------------------

    private void edit() {
        editing = true;
        rebuild();
    }

    private void cancel() {
        editing = false;
        draft = saved;
        rebuild();
    }

    private void save() {
        try {
            saved = store.update(draft).orElse(null);
            if (saved == null) {
                notify("This dashboard was deleted meanwhile; export your changes from another copy.", true);
                return;
            }
            draft = saved;
            editing = false;
            rebuild();
            notify("Dashboard saved", false);
        } catch (StaleDashboardException | InvalidDashboardException e) {
            notify(e.getMessage(), true);
        }
    }

    private void addPanel() {
        new PanelDialog(services, metrics, range, null, draft.variables(), panel -> {
            if (draft.panels().size() >= Dashboard.MAX_PANELS) {
                notify("A dashboard has at most " + Dashboard.MAX_PANELS + " panels", true);
                return;
            }
            List<Panel> panels = new ArrayList<>(draft.panels());
            panels.add(panel);
            draft = draft.withPanels(panels).withPanelIds();
            rebuild();
        }, tasks).open();
    }

    @Override
    public void edit(Panel panel) {
        new PanelDialog(services, metrics, range, panel, draft.variables(), changed -> {
            draft = draft.mapPanel(panel.id(), p -> changed);
            rebuild();
        }, tasks).open();
    }

    @Override
    public void remove(Panel panel) {
        draft = draft.withPanels(draft.panels().stream().filter(p -> !p.id().equals(panel.id())).toList());
        rebuild();
    }

    @Override
    public void moveUp(Panel panel) {
        move(panel, -1);
    }

    @Override
    public void moveDown(Panel panel) {
        move(panel, 1);
    }

    private void move(Panel panel, int by) {
        List<Panel> panels = new ArrayList<>(draft.panels());
        int from = panels.indexOf(panel);
        int to = from + by;
        if (from < 0 || to < 0 || to >= panels.size()) {
            return;
        }
        panels.remove(from);
        panels.add(to, panel);
        draft = draft.withPanels(panels);
        rebuild();
    }

    private void rename() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Rename dashboard");
        TextField name = new TextField("Title");
        name.setValue(draft.title());
        name.setMaxLength(Dashboard.MAX_TITLE_LENGTH);
        name.setRequired(true);
        TextArea about = new TextArea("Description");
        about.setValue(draft.description());
        about.setMaxLength(Dashboard.MAX_DESCRIPTION_LENGTH);
        FormLayout form = new FormLayout(name, about);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        dialog.add(form);
        dialog.setWidth("min(520px, 95vw)");
        Button apply = new Button("Apply", click -> {
            if (name.getValue().isBlank()) {
                name.setErrorMessage("A title is required");
                name.setInvalid(true);
                return;
            }
            draft = draft.withTitle(name.getValue(), about.getValue());
            dialog.close();
            rebuild();
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), apply);
        dialog.open();
    }

    // ---- export and delete -------------------------------------------------------------------

    private void export() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Export JSON");
        dialog.setWidth("min(760px, 95vw)");
        TextArea json = new TextArea();
        json.setAriaLabel("Dashboard JSON");
        json.setValue(DashboardJson.write(saved));
        json.setReadOnly(true);
        json.setWidthFull();
        json.setMaxHeight("60vh");
        json.addClassName("dashboard-json");
        dialog.add(new Paragraph("Import this on another Meridian (Dashboards → Import JSON) or with "
                + "POST /api/v1/dashboards."), json);
        Anchor download = new Anchor("api/v1/dashboards/" + saved.id(), "Download .json");
        download.getElement().setAttribute("download", "dashboard-" + saved.id() + ".json");
        download.setRouterIgnore(true);
        dialog.getFooter().add(download, new Button("Close", click -> dialog.close()));
        dialog.open();
    }

    private void confirmRestore() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Restore the built-in dashboard?");
        confirm.setText("“" + saved.title() + "” goes back to the definition Meridian ships; your changes to it are lost. "
                + "Export it first to keep a copy.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Restore");
        confirm.addConfirmListener(event -> restore());
        confirm.open();
    }

    /** Puts the shipped definition back through the restoring loader: a database write, so off the session lock. */
    private void restore() {
        String restoringId = id;
        restoring.load(() -> builtIns.restore(restoringId), restored -> {
            if (!restoringId.equals(id) || restored.isEmpty()) {
                return; // the view moved on to another dashboard meanwhile
            }
            saved = restored.get();
            draft = saved;
            editing = false;
            variables = VariableSelection.fromParameters(queryParameters, draft.variables());
            rebuild();
            notify("Restored the built-in definition", false);
        }, e -> {
            log.warn("Restoring the built-in dashboard {} failed", restoringId, e);
            notify("Could not restore the built-in dashboard: " + e.getMessage(), true);
        });
    }

    private void editVariables() {
        new VariablesDialog(draft, next -> {
            draft = next;
            variables = VariableSelection.fromParameters(queryParameters, draft.variables());
            rebuild();
        }).open();
    }

    private void confirmDelete() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Delete dashboard?");
        confirm.setText("“" + saved.title() + "” and its " + saved.panels().size()
                + " panels will be deleted. This cannot be undone.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Delete");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(event -> {
            store.delete(saved.id());
            getUI().ifPresent(ui -> ui.navigate(DashboardsView.class));
        });
        confirm.open();
    }

    private static void notify(String message, boolean error) {
        Notification notification = Notification.show(message, error ? 8000 : 3000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
    }

    // for tests
    boolean isEditing() {
        return editing;
    }
}
