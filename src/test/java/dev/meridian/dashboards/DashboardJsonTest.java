package dev.meridian.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
                        "panels[1].query.figure 'p42' is not one of throughput, error_rate, p50, p95, p99, latency_all"));
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
}
