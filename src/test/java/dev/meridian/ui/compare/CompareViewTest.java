package dev.meridian.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import dev.meridian.query.compare.Findings;
import dev.meridian.query.compare.PathComparison;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.ViewTest;
import dev.meridian.ui.ViewTestData;
import dev.meridian.ui.services.ServiceView;
import dev.meridian.ui.traces.TraceView;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The compare views on the shared seed ({@link ViewTestData}): {@code shop GET /a} once a minute, the request of
 * minute 4 slow (900 ms) because its {@code db SELECT} took 880 ms.
 */
class CompareViewTest extends ViewTest {

    @Test
    void compare_showsWhatIsComparedAndWhereTheExtraTimeGoes() {
        navigate("compare", "service=shop&operation=GET%20%2Fa&minDurationMs=500&" + ViewTestData.WINDOW);

        String summary = find(Paragraph.class).all().stream().filter(p -> p.getId().filter("compare-summary"::equals).isPresent())
                .findFirst().orElseThrow().getText();
        assertThat(summary).startsWith("Selected: duration ≥ 500 ms — 1 trace against 9 other traces");
        Grid<Findings.OperationFinding> operations = grid("Operations");
        Findings.OperationFinding first = test(operations).getRow(0);
        assertThat(first.service()).isEqualTo("db");
        assertThat(first.name()).isEqualTo("SELECT");
        assertThat(first.extraMs()).isGreaterThan(800);
        assertThat(test(operations).size()).isEqualTo(2); // shop GET /a and db SELECT
        assertThat(anchor("compare-selected-traces").getHref()).startsWith("traces?")
                .contains("service=shop").contains("minDurationMs=500").contains("operation=GET%20%2Fa");
    }

    @Test
    void compare_withoutAService_asksForOne_andShowsNoEarlierFindings() {
        navigate("compare", "service=shop&operation=GET%20%2Fa&minDurationMs=500&" + ViewTestData.WINDOW);
        assertThat(grid("Operations").isVisible()).isTrue();

        navigate("compare", ViewTestData.WINDOW);
        assertThat(find(Paragraph.class).all()).extracting(Paragraph::getText)
                .anyMatch(text -> text.startsWith("Choose a service"));
        // the tester finds visible components only
        assertThat(find(Grid.class).all()).isEmpty();
        assertThat(shown("compare-selected-traces")).isFalse();
    }

    @Test
    void typical_setsTheSlowTraceAgainstTheOthers() {
        open("compare/traces/" + new TraceId(5, 7).toHex(), TypicalView.class);

        Grid<PathComparison.PathRow> paths = grid("Span paths");
        List<PathComparison.PathRow> rows = IntStream.range(0, test(paths).size()).mapToObj(i -> test(paths).getRow(i)).toList();
        PathComparison.PathRow select = rows.stream().filter(r -> r.name().equals("SELECT")).findFirst().orElseThrow();
        assertThat(select.thisMs()).isEqualTo(880);
        assertThat(select.typicalMs()).isEqualTo(5);
        assertThat(select.path()).containsExactly("shop: GET /a", "db: SELECT");
    }

    @Test
    void entryPoints_linkToTheComparison() {
        navigate("traces", "service=shop&minDurationMs=500&" + ViewTestData.WINDOW);
        assertThat(anchor("compare-traces").getHref()).startsWith("compare?service=shop&minDurationMs=500&from=");
        assertThat(shown("compare-traces")).isTrue();
        // filters Compare cannot express: no link rather than one comparing other traces than those listed
        navigate("traces", "service=shop&minDurationMs=500&attr=db.instance%3Dreplica-3&" + ViewTestData.WINDOW);
        assertThat(shown("compare-traces")).isFalse();
        navigate("traces", "service=shop&minDurationMs=500&maxDurationMs=900&" + ViewTestData.WINDOW);
        assertThat(shown("compare-traces")).isFalse();

        open("services/shop", ServiceView.class);
        assertThat(anchor("compare-slowest").getHref()).isEqualTo("compare?service=shop&" + ViewTestData.WINDOW);

        open("traces/" + new TraceId(5, 7).toHex(), TraceView.class);
        assertThat(anchor("compare-typical").getHref()).isEqualTo("compare/traces/" + new TraceId(5, 7).toHex());
    }

    private void navigate(String path, String query) {
        com.vaadin.flow.component.UI.getCurrent().navigate(path, com.vaadin.flow.router.QueryParameters.fromString(query));
    }

    private boolean shown(String id) {
        return find(Anchor.class).all().stream().anyMatch(a -> a.getId().filter(id::equals).isPresent());
    }

    private Anchor anchor(String id) {
        return find(Anchor.class).all().stream().filter(a -> a.getId().filter(id::equals).isPresent()).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private <T> Grid<T> grid(String label) {
        return (Grid<T>) find(Grid.class).all().stream().filter(g -> label.equals(g.getAriaLabel().orElse(null)))
                .findFirst().orElseThrow();
    }
}
