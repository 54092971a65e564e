package dev.meridian.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardJsonTest {

    @Test
    void writeThenRead_givesTheSameDashboard() {
        Dashboard dashboard = Dashboards.checkout().withPanelIds().stored("abc123", 7, Instant.parse("2026-11-02T10:15:30Z"));

        String json = DashboardJson.write(dashboard);

        assertThat(json).contains("\"schemaVersion\" : 1").contains("\"figure\" : \"p95\"").contains("\"type\" : \"metric\"");
        assertThat(DashboardJson.read(json)).isEqualTo(dashboard);
    }

    @Test
    void read_acceptsAMinimalHandWrittenDashboard() {
        Dashboard dashboard = DashboardJson.read("""
                {"schemaVersion": 1, "title": "Mine", "unknownFromTheFuture": true,
                 "panels": [{"title": "Errors", "query": {"type": "RED", "service": "shop", "figure": "ERROR_RATE"}}]}
                """);

        assertThat(dashboard.id()).isNull();
        assertThat(dashboard.version()).isZero();
        Panel panel = dashboard.panels().getFirst();
        assertThat(panel.kind()).isEqualTo(ChartKind.LINE);
        assertThat(panel.width()).isEqualTo(2);
        assertThat(panel.query()).isEqualTo(new PanelQuery.Red("shop", null, RedFigure.ERROR_RATE));
    }

    @Test
    void read_rejectsMalformedJsonWithItsPosition() {
        assertThatThrownBy(() -> DashboardJson.read("{\"schemaVersion\": 1, \"title\": "))
                .isInstanceOf(InvalidDashboardException.class).hasMessageStartingWith("malformed JSON:")
                .hasMessageContaining("line 1");
    }

    @Test
    void read_rejectsUnknownQueryTypesFiguresAndKinds() {
        assertThatThrownBy(() -> DashboardJson.read("""
                {"schemaVersion": 1, "title": "T", "panels": [
                  {"title": "a", "query": {"type": "sql", "text": "DROP TABLE spans"}},
                  {"title": "b", "kind": "pie", "query": {"type": "red", "service": "s", "figure": "p42"}}]}
                """))
                .isInstanceOf(InvalidDashboardException.class)
                .satisfies(e -> assertThat(((InvalidDashboardException) e).problems()).containsExactly(
                        "panels[0].query.type 'sql' is not a known query type: red or metric",
                        "panels[1].kind 'pie' is not one of line, area, bar, stat",
                        "panels[1].query.figure 'p42' is not one of throughput, error_rate, p50, p95, p99, latency_all, status_classes"));
    }

    @Test
    void read_rejectsANewerSchemaAndAMissingOne() {
        assertThatThrownBy(() -> DashboardJson.read("{\"schemaVersion\": 2, \"title\": \"T\"}"))
                .hasMessage("schemaVersion 2 is newer than this Meridian understands (1)");
        assertThatThrownBy(() -> DashboardJson.read("{\"title\": \"T\"}"))
                .hasMessage("schemaVersion is required (this Meridian writes 1)");
    }

    @Test
    void read_rejectsWhatIsNotADashboardObject() {
        assertThatThrownBy(() -> DashboardJson.read("[1, 2]")).hasMessage("a dashboard is a JSON object with a title and panels");
        assertThatThrownBy(() -> DashboardJson.read(" ")).hasMessage("the dashboard JSON is empty");
        assertThatThrownBy(() -> DashboardJson.read("{\"schemaVersion\": 1, \"title\": 5}")).hasMessage("title must be a string");
    }

    @Test
    void read_namesAMissingTitleTogetherWithUnreadablePanels() {
        assertThatThrownBy(() -> DashboardJson.read("""
                {"schemaVersion": 1, "panels": [{"title": "x", "query": {"type": "sql"}}]}"""))
                .hasMessage("panels[0].query.type 'sql' is not a known query type: red or metric; title is required");
    }

    @Test
    void read_validatesTheModel() {
        assertThatThrownBy(() -> DashboardJson.read("{\"schemaVersion\": 1, \"panels\": []}")).hasMessage("title is required");
    }

    static Dashboard withVariables() {
        return new Dashboard(null, "Service", "", List.of(DashboardVariable.service("service"),
                DashboardVariable.operation("operation"), DashboardVariable.attribute("env", "deployment.environment.name")),
                List.of(new Panel("p1", "p95 of $service", new PanelQuery.Red("$service", "${operation}", RedFigure.P95), 2,
                        ChartKind.LINE), new Panel("p2", "Heap", new PanelQuery.Metric("jvm.memory.used", "$service",
                        dev.meridian.query.MetricAggregation.AVG, java.util.Map.of("deployment.environment.name", "$env"),
                        List.of()), 2, ChartKind.AREA)), 0, null);
    }

    @Test
    void variables_roundTripThroughTheFormat() {
        Dashboard dashboard = withVariables();

        String json = DashboardJson.write(dashboard);

        assertThat(json).contains("\"variables\"").contains("\"key\" : \"deployment.environment.name\"");
        assertThat(DashboardJson.read(json)).isEqualTo(dashboard);
        assertThat(DashboardJson.readVariables(DashboardJson.writeVariables(dashboard.variables())))
                .isEqualTo(dashboard.variables());
    }

    @Test
    void variables_problemsNameTheBadVariable() {
        String json = """
                {"schemaVersion": 1, "title": "x",
                 "variables": [{"name": "service", "type": "service"}, {"name": "service", "type": "service"},
                               {"name": "env", "type": "attribute"}, {"name": "bad-name", "type": "service"},
                               {"name": "color", "type": "colour"}],
                 "panels": [{"title": "t", "query": {"type": "red", "service": "$service", "operation": "$nope",
                             "figure": "p95"}}]}""";

        assertThatThrownBy(() -> DashboardJson.read(json)).isInstanceOf(InvalidDashboardException.class)
                .satisfies(e -> assertThat(((InvalidDashboardException) e).problems()).contains(
                        "variables[1] 'service': the name is used twice",
                        "variables[2] 'env': an attribute variable needs a key (a resource attribute, e.g. deployment.environment.name)",
                        "variables[3] 'bad-name': a name is 1-64 letters, digits or '_', not starting with a digit",
                        "variables[4] 'color': type 'colour' is not one of service, operation, attribute"))
                .satisfies(e -> assertThat(((InvalidDashboardException) e).problems()).noneMatch(p -> p.contains("nope")));
    }

    @Test
    void anUndeclaredDollarWord_isLiteralText_notAProblem_soJvmSpanNamesImportAndRoundTrip() {
        String json = """
                {"schemaVersion": 1, "title": "x", "variables": [{"name": "service", "type": "service"}],
                 "panels": [{"title": "$service: Outer$Inner.run", "query": {"type": "red", "service": "$service",
                             "operation": "Outer$Inner.run", "figure": "p95"}},
                            {"title": "lambda", "query": {"type": "metric", "name": "calls", "service": "Foo$$Lambda",
                             "aggregation": "avg", "filters": {"code.function": "Foo$$Lambda$17/0x00000008.apply"}}},
                            {"title": "braced", "query": {"type": "red", "service": "shop", "operation": "${nope}",
                             "figure": "p95"}}]}""";

        Dashboard read = DashboardJson.read(json);

        assertThat(read.problems()).isEmpty();
        assertThat(read.panels().get(0).query()).isEqualTo(new PanelQuery.Red("$service", "Outer$Inner.run", RedFigure.P95));
        assertThat(((PanelQuery.Metric) read.panels().get(1).query()).filters())
                .containsEntry("code.function", "Foo$$Lambda$17/0x00000008.apply");
        assertThat(DashboardJson.read(DashboardJson.write(read))).isEqualTo(read);
        Map<String, String> cart = Map.of("service", "cart");
        assertThat(Variables.substitute(read.panels().get(0), cart).title()).isEqualTo("cart: Outer$Inner.run");
        assertThat(Variables.substitute(read.panels().get(0), cart).query())
                .isEqualTo(new PanelQuery.Red("cart", "Outer$Inner.run", RedFigure.P95));
        assertThat(Variables.substitute(read.panels().get(1), cart).query()).isEqualTo(read.panels().get(1).query());
    }

    @Test
    void builtInServiceHealth_isAValidDashboardUsingItsServiceVariableInEveryPanel() {
        Dashboard shipped = BuiltInDashboards.shipped(BuiltInDashboards.SERVICE_HEALTH).orElseThrow();

        assertThat(shipped.id()).isEqualTo(BuiltInDashboards.SERVICE_HEALTH);
        assertThat(shipped.variables()).extracting(DashboardVariable::name).contains("service");
        assertThat(shipped.panels()).allSatisfy(p -> assertThat(Variables.referencesByField(p.query(), List.of("service")).get("service"))
                .containsExactly("service"));
        assertThat(shipped.panels()).extracting(p -> p.query() instanceof PanelQuery.Red r ? r.figure() : null)
                .contains(RedFigure.THROUGHPUT, RedFigure.ERROR_RATE, RedFigure.LATENCY_ALL, RedFigure.STATUS_CLASSES);
        assertThat(shipped.panels()).extracting(p -> p.query() instanceof PanelQuery.Metric m ? m.name() : "")
                .contains("jvm.memory.used", "jvm.cpu.recent_utilization", "process.cpu.utilization");
    }
}
