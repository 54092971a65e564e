package dev.meridian.ui.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.combobox.ComboBox;
import dev.meridian.dashboards.BuiltInDashboards;
import dev.meridian.dashboards.ChartKind;
import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.Variables;
import dev.meridian.query.MetricAggregation;
import dev.meridian.dashboards.Dashboard;
import dev.meridian.dashboards.DashboardStore;
import dev.meridian.dashboards.Panel;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.testing.Telemetry;
import dev.meridian.ui.ViewTest;
import dev.meridian.ui.ViewTestData;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.traces.TraceSearchView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Dashboards through their views, on the real store and the real writer's data ({@link ViewTestData}). */
class DashboardViewTest extends ViewTest {

    @Autowired
    DashboardStore store;

    private void open(String path) {
        UI.getCurrent().navigate(path, QueryParameters.fromString(ViewTestData.WINDOW));
    }

    private static String location() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
    }

    private void click(String buttonText) {
        test(find(Button.class).withText(buttonText).single()).click();
    }

    @Test
    void newDashboard_withARedP95PanelFromTheDialog_isSaved_andAClickOpensTheSlowestTraces() {
        open("dashboards");
        click("New dashboard");
        test(find(TextField.class).withLabel("Title").single()).setValue("Checkout");
        click("Create");
        assertThat(getCurrentView()).isInstanceOf(DashboardView.class);
        String path = UI.getCurrent().getInternals().getActiveViewLocation().getPath();

        click("Add panel");
        PanelDialog dialog = find(PanelDialog.class).single();
        dialog.service.setValue("shop");
        dialog.figure.setValue(RedFigure.P95);
        test(dialog.save).click();
        click("Save");

        open("dashboards");
        open(path);
        PanelCard card = find(PanelCard.class).single();
        assertThat(card.panel().title()).isEqualTo("shop · p95 latency");
        assertThat(card.panel().query()).isEqualTo(new PanelQuery.Red("shop", null, RedFigure.P95));
        assertThat(card.chart().getState()).isEqualTo(EChart.State.READY);
        assertThat(card.data().lastValue()).isGreaterThan(0);

        ComponentUtil.fireEvent(card.chart(), new EChart.PlotClickEvent(card.chart(), true,
                Telemetry.T0.plusSeconds(4 * 60 + 20).toEpochMilli()));

        assertThat(getCurrentView()).isInstanceOf(TraceSearchView.class);
        assertThat(location()).startsWith("traces?").contains("service=shop").contains("sort=duration")
                .contains("from=" + Telemetry.T0.plusSeconds(240).toEpochMilli())
                .contains("to=" + Telemetry.T0.plusSeconds(300).toEpochMilli());
    }

    @Test
    void errorRatePanel_brushOpensErrorsFirstForItsOperation() {
        Dashboard created = store.create(Dashboard.named("Errors").withPanels(List.of(
                new Panel(null, "errors", new PanelQuery.Red("shop", "GET /a", RedFigure.ERROR_RATE), 4, ChartKind.BAR))));
        open("dashboards/" + created.id());
        PanelCard card = find(PanelCard.class).single();

        ComponentUtil.fireEvent(card.chart(), new EChart.RangeSelectEvent(card.chart(), true,
                Telemetry.T0.plusSeconds(300).toEpochMilli(), Telemetry.T0.plusSeconds(420).toEpochMilli()));

        assertThat(location()).contains("service=shop").contains("operation=GET%20%2Fa").contains("sort=errors")
                .contains("from=" + Telemetry.T0.plusSeconds(300).toEpochMilli());
    }

    @Test
    void editMode_movesAndRemovesPanels_andCancelRestoresThem() {
        Dashboard created = store.create(Dashboard.named("Two").withPanels(List.of(
                new Panel(null, "first", new PanelQuery.Red("shop", null, RedFigure.THROUGHPUT), 2, ChartKind.LINE),
                new Panel(null, "second", new PanelQuery.Red("db", null, RedFigure.LATENCY_ALL), 2, ChartKind.AREA))));
        open("dashboards/" + created.id());
        click("Edit");

        test(find(Button.class).withAriaLabel("Move up").all().get(1)).click();
        assertThat(find(PanelCard.class).all()).extracting(c -> c.panel().title()).containsExactly("second", "first");
        test(find(Button.class).withAriaLabel("Remove panel").all().get(0)).click();
        assertThat(find(PanelCard.class).all()).extracting(c -> c.panel().title()).containsExactly("first");

        click("Cancel");
        assertThat(find(PanelCard.class).all()).extracting(c -> c.panel().title()).containsExactly("first", "second");
        assertThat(store.find(created.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void importDialog_showsEveryProblem_andImportsAGoodDashboard() {
        open("dashboards");
        click("Import JSON");
        TextArea json = find(TextArea.class).withLabel("Dashboard JSON").single();
        test(json).setValue("{\"schemaVersion\": 1, \"title\": \"T\", \"panels\": [{\"title\": \"x\", \"query\": {\"type\": \"sql\"}}]}");
        click("Import");
        assertThat(json.isInvalid()).isTrue();
        assertThat(json.getErrorMessage()).contains("'sql' is not a known query type");

        test(json).setValue("""
                {"schemaVersion": 1, "title": "<img src=x onerror=alert(1)>",
                 "panels": [{"title": "<b>rps</b>", "kind": "stat", "width": 1,
                             "query": {"type": "red", "service": "shop", "figure": "throughput"}}]}""");
        click("Import");

        assertThat(getCurrentView()).isInstanceOf(DashboardView.class);
        assertThat(find(H2.class).withClassName("dashboard-title").single().getText()).isEqualTo("<img src=x onerror=alert(1)>");
        PanelCard card = find(PanelCard.class).single();
        assertThat(card.panel().title()).isEqualTo("<b>rps</b>");
        assertThat(card.data().formattedStat()).isEqualTo("1.0/min");
    }

    @Test
    void rename_isSavedWithANewVersion_andDeleteAsksFirst() {
        Dashboard created = store.create(Dashboard.named("Old name"));
        open("dashboards/" + created.id());
        click("Edit");
        click("Rename");
        test(find(TextField.class).withLabel("Title").single()).setValue("New name");
        click("Apply");
        click("Save");

        Dashboard saved = store.find(created.id()).orElseThrow();
        assertThat(saved.title()).isEqualTo("New name");
        assertThat(saved.version()).isEqualTo(2);
        assertThat(find(H2.class).withClassName("dashboard-title").single().getText()).isEqualTo("New name");

        click("Delete");
        test(find(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).single()).confirm();

        assertThat(getCurrentView()).isInstanceOf(DashboardsView.class);
        assertThat(store.find(created.id())).isEmpty();
    }

    @Test
    void emptyWindow_saysWhereDataShouldComeFrom() {
        Dashboard created = store.create(Dashboard.named("Quiet").withPanels(List.of(
                new Panel(null, "p95", new PanelQuery.Red("shop", null, RedFigure.P95), 2, ChartKind.LINE))));
        UI.getCurrent().navigate("dashboards/" + created.id(), QueryParameters.fromString("from=0&to=60000"));

        PanelCard card = find(PanelCard.class).single();
        assertThat(card.chart().getState()).isEqualTo(EChart.State.EMPTY);
        assertThat(card.chart().getStateMessage()).isEqualTo("No data in this range — is your SDK pointing at :4318?");
    }

    @Test
    void unknownDashboard_saysSo() {
        open("dashboards/doesnotexist");

        assertThat(find(H2.class).withClassName("dashboard-title").single().getText()).isEqualTo("Dashboard not found");
    }

    private Dashboard withServiceVariable() {
        return store.create(new Dashboard(null, "Per service", "", List.of(DashboardVariable.service("service"),
                DashboardVariable.operation("operation")), List.of(
                new Panel(null, "Requests of $service", new PanelQuery.Red("$service", "$operation", RedFigure.THROUGHPUT), 2,
                        ChartKind.STAT),
                new Panel(null, "Memory", new PanelQuery.Metric("jvm.memory.used", "${service}", MetricAggregation.LAST,
                        java.util.Map.of(), List.of()), 2, ChartKind.LINE)), 0, null));
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> picker(String variable) {
        return find(ComboBox.class).all().stream()
                .filter(box -> variable.equals(box.getElement().getAttribute("data-variable")))
                .map(box -> (ComboBox<String>) box).findFirst().orElseThrow();
    }

    @Test
    void variables_fromTheUrl_fillThePanels_andAPickGoesIntoTheUrl() {
        Dashboard created = withServiceVariable();
        UI.getCurrent().navigate("dashboards/" + created.id(), QueryParameters.fromString(ViewTestData.WINDOW + "&var-service=shop"));

        assertThat(picker("service").getValue()).isEqualTo("shop");
        assertThat(picker("operation").getValue()).isEqualTo(Variables.ALL);
        List<PanelCard> cards = find(PanelCard.class).all();
        assertThat(cards.get(0).shown().title()).isEqualTo("Requests of shop");
        assertThat(cards.get(0).shown().query()).isEqualTo(new PanelQuery.Red("shop", null, RedFigure.THROUGHPUT));
        assertThat(cards.get(0).data().formattedStat()).isEqualTo("1.0/min");
        assertThat(cards.get(1).data().hasData()).isTrue();

        test(picker("service")).selectItem("db");

        assertThat(location()).contains("var-service=db").contains("from=" + ViewTestData.FROM);
        assertThat(picker("service").getValue()).isEqualTo("db");
        cards = find(PanelCard.class).all();
        assertThat(cards.get(0).shown().title()).isEqualTo("Requests of db");
        assertThat(cards.get(1).data().hasData()).isFalse(); // db sends no memory metric
    }

    @Test
    void serviceVariable_withoutAValue_getsTheFirstService_andOperationsFollowIt() {
        Dashboard created = withServiceVariable();
        open("dashboards/" + created.id());

        assertThat(picker("service").getValue()).isNotNull();
        UI.getCurrent().navigate("dashboards/" + created.id(), QueryParameters.fromString(ViewTestData.WINDOW + "&var-service=shop"));
        test(picker("operation")).selectItem("GET /a");

        assertThat(location()).contains("var-service=shop").contains("var-operation=GET%20%2Fa");
        assertThat(find(PanelCard.class).all().get(0).shown().query())
                .isEqualTo(new PanelQuery.Red("shop", "GET /a", RedFigure.THROUGHPUT));
    }

    @Test
    void builtInServiceHealth_isThere_andRestoreBringsItBackAfterAnEdit() {
        Dashboard shipped = store.find(BuiltInDashboards.SERVICE_HEALTH).orElseThrow();
        store.update(shipped.withTitle("Changed", "").withPanels(List.of()));
        UI.getCurrent().navigate("dashboards/" + BuiltInDashboards.SERVICE_HEALTH,
                QueryParameters.fromString(ViewTestData.WINDOW + "&var-service=shop"));
        assertThat(find(H2.class).withClassName("dashboard-title").single().getText()).isEqualTo("Changed");

        click("Restore built-in");
        test(find(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).single()).confirm();

        assertThat(find(H2.class).withClassName("dashboard-title").single().getText()).isEqualTo("Service health");
        assertThat(find(PanelCard.class).all()).hasSize(shipped.panels().size());
        assertThat(store.find(BuiltInDashboards.SERVICE_HEALTH).orElseThrow().panels()).isEqualTo(shipped.panels());
        PanelCard status = find(PanelCard.class).all().stream().filter(c -> c.panel().id().equals("status")).findFirst()
                .orElseThrow();
        assertThat(status.shown().title()).isEqualTo("HTTP status classes of shop");
    }

    @Test
    void variablesEditor_namesTheBadVariable_andAppliesGoodOnes() {
        Dashboard created = withServiceVariable();
        open("dashboards/" + created.id());
        click("Edit");
        click("Variables");
        TextArea json = find(TextArea.class).withLabel("Variables (JSON)").single();
        test(json).setValue("[{\"name\": \"service\", \"type\": \"service\"}, {\"name\": \"env\", \"type\": \"attribute\"}]");
        click("Apply");
        assertThat(json.isInvalid()).isTrue();
        assertThat(json.getErrorMessage()).contains("variables[1] 'env': an attribute variable needs a key");

        test(json).setValue("[{\"name\": \"service\", \"type\": \"service\"}, {\"name\": \"operation\", \"type\": \"operation\"},"
                + " {\"name\": \"env\", \"type\": \"attribute\", \"key\": \"deployment.environment.name\"}]");
        click("Apply");
        click("Save");

        assertThat(store.find(created.id()).orElseThrow().variables()).extracting(DashboardVariable::name)
                .containsExactly("service", "operation", "env");
        assertThat(picker("env")).isNotNull();
    }

    @Test
    void panelDialog_savesAJvmSpanNameWithDollar_onADashboardWithVariables_andItReopens() {
        Dashboard created = withServiceVariable();
        open("dashboards/" + created.id());
        click("Edit");
        click("Add panel");
        PanelDialog dialog = find(PanelDialog.class).single();
        dialog.service.setValue("$service");
        dialog.operation.setValue("Outer$Inner.run");
        dialog.figure.setValue(RedFigure.P95);
        test(dialog.save).click();
        click("Save");

        UI.getCurrent().navigate("dashboards/" + created.id(), QueryParameters.fromString(ViewTestData.WINDOW + "&var-service=shop"));
        assertThat(store.find(created.id()).orElseThrow().panels()).extracting(Panel::query)
                .contains(new PanelQuery.Red("$service", "Outer$Inner.run", RedFigure.P95));
        assertThat(find(PanelCard.class).all()).extracting(c -> c.shown().query())
                .contains(new PanelQuery.Red("shop", "Outer$Inner.run", RedFigure.P95));
    }
}
