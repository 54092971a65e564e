package dev.meridian.ui.dashboards;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.meridian.dashboards.Dashboard;
import dev.meridian.dashboards.DashboardJson;
import dev.meridian.dashboards.DashboardStore;
import dev.meridian.dashboards.DashboardSummary;
import dev.meridian.dashboards.InvalidDashboardException;
import dev.meridian.ui.base.Formats;
import dev.meridian.ui.base.MainLayout;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import java.util.List;
import java.util.Map;

/** {@code /dashboards}: every user-built dashboard, a new one, or one imported from its JSON export. */
@Route(value = "dashboards", layout = MainLayout.class)
@PageTitle("Dashboards · Meridian")
@StyleSheet("dashboards.css")
public class DashboardsView extends VerticalLayout implements BeforeEnterObserver {

    private final DashboardStore store;
    private final Grid<DashboardSummary> grid = new Grid<>();
    private static final String NO_DASHBOARDS = "No dashboards yet. Create one and add panels, or import a JSON export "
            + "from another Meridian.";
    private final Paragraph empty = new Paragraph(NO_DASHBOARDS);
    private QueryParameters carried = QueryParameters.empty();
    private final ViewLoader<List<DashboardSummary>> loader;

    public DashboardsView(DashboardStore store, ViewTasks tasks) {
        this.store = store;
        this.loader = tasks.loader(this);
        addClassName("dashboards-view");
        setWidthFull();
        setPadding(false);

        Button create = new Button("New dashboard", VaadinIcon.PLUS.create(), click -> openCreate());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button importJson = new Button("Import JSON", VaadinIcon.UPLOAD.create(), click -> openImport());
        Div toolbar = new Div(create, importJson);
        toolbar.addClassName("dashboard-toolbar");
        Div header = new Div(new H2("Dashboards"), toolbar);
        header.addClassName("dashboard-header");

        grid.addColumn(DashboardSummary::title).setHeader("Title").setFlexGrow(4).setSortable(true)
                .setComparator(s -> s.title().toLowerCase(java.util.Locale.ROOT));
        grid.addColumn(DashboardSummary::panelCount).setHeader("Panels").setTextAlign(ColumnTextAlign.END)
                .setFlexGrow(0).setWidth("8em").setSortable(true);
        grid.addColumn(s -> Formats.time(s.updatedAt()).substring(0, 19) + " UTC").setHeader("Updated").setFlexGrow(1)
                .setSortable(true).setComparator(DashboardSummary::updatedAt);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setAriaLabel("Dashboards");
        grid.addItemClickListener(click -> open(click.getItem().id()));
        empty.addClassName("meridian-empty");
        add(header, empty, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        carried = new QueryParameters(parameters);
        empty.setText("Loading dashboards…");
        empty.setVisible(grid.getListDataView().getItemCount() == 0);
        loader.load(store::list, all -> {
            empty.setText(NO_DASHBOARDS);
            grid.setItems(all);
            grid.setVisible(!all.isEmpty());
            empty.setVisible(all.isEmpty());
        }, e -> {
            empty.setText("Could not list dashboards: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            empty.setVisible(true);
        });
    }

    private void open(String id) {
        getUI().ifPresent(ui -> ui.navigate(DashboardView.link(id), carried));
    }

    private void openCreate() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New dashboard");
        TextField title = new TextField("Title");
        title.setMaxLength(Dashboard.MAX_TITLE_LENGTH);
        title.setWidthFull();
        title.setRequired(true);
        dialog.add(title);
        dialog.setWidth("min(420px, 95vw)");
        Button create = new Button("Create", click -> {
            if (title.getValue().isBlank()) {
                title.setErrorMessage("A title is required");
                title.setInvalid(true);
                return;
            }
            Dashboard created = store.create(Dashboard.named(title.getValue()));
            dialog.close();
            open(created.id());
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), create);
        dialog.open();
        title.focus();
    }

    private void openImport() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Import dashboard JSON");
        dialog.setWidth("min(760px, 95vw)");
        TextArea json = new TextArea("Dashboard JSON");
        json.setPlaceholder("{\"schemaVersion\": 1, \"title\": \"…\", \"panels\": […]}");
        json.setWidthFull();
        json.setMinHeight("16em");
        json.setMaxHeight("60vh");
        json.addClassName("dashboard-json");
        dialog.add(new Paragraph("Paste a dashboard exported from Meridian (Export JSON, or GET /api/v1/dashboards/{id}). "
                + "It is added as a new dashboard."), json);
        Button importButton = new Button("Import", click -> {
            try {
                Dashboard created = store.create(DashboardJson.read(json.getValue()));
                dialog.close();
                open(created.id());
            } catch (InvalidDashboardException e) {
                json.setErrorMessage(e.getMessage());
                json.setInvalid(true);
            }
        });
        importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), importButton);
        dialog.open();
    }
}
