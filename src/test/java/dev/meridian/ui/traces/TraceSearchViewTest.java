package dev.meridian.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import dev.meridian.query.TraceSummary;
import dev.meridian.ui.ViewTest;
import dev.meridian.ui.ViewTestData;
import dev.meridian.ui.chart.EChart;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TraceSearchViewTest extends ViewTest {

    private TraceSearchView open(String query) {
        UI.getCurrent().navigate("traces", QueryParameters.fromString(query + "&" + ViewTestData.WINDOW));
        return (TraceSearchView) getCurrentView();
    }

    @SuppressWarnings("unchecked")
    private List<TraceSummary> results() {
        Grid<TraceSummary> grid = find(Grid.class).single();
        return IntStream.range(0, test(grid).size()).mapToObj(i -> test(grid).getRow(i)).toList();
    }

    @Test
    void urlParameters_searchAndSortSlowestFirst() {
        open("service=shop&sort=duration");

        List<TraceSummary> found = results();

        assertThat(found).hasSize(10);
        assertThat(found.getFirst().durationMs()).isGreaterThanOrEqualTo(900);
        assertThat(found.getFirst().traceId()).endsWith("0000000000000007").startsWith("0000000000000005");
        assertThat(found).extracting(TraceSummary::durationMs).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void statusError_findsOnlyTheFailedTrace() {
        open("service=shop&status=error");

        assertThat(results()).singleElement().satisfies(trace -> assertThat(trace.errorCount()).isEqualTo(1));
    }

    @Test
    void scatterDotClick_opensThatTrace() {
        open("service=shop&sort=duration");
        EChart scatter = find(EChart.class).single();
        String slowest = results().getFirst().traceId();

        ComponentUtil.fireEvent(scatter, new EChart.PointClickEvent(scatter, true, slowest, 0, 0));

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("traces/" + slowest);
    }

    @Test
    void compareLink_shownForAPlainServiceSearch_hiddenWithTheCallsFilterItCannotExpress() {
        assertThat(compareLink(open("service=shop")).isVisible()).isTrue();

        assertThat(compareLink(open("service=shop&calls=payments")).isVisible()).isFalse();
    }

    /** The link, visible or not (the tester's queries see only visible components). */
    private static Anchor compareLink(Component view) {
        return (Anchor) descendants(view).filter(c -> "compare-traces".equals(c.getId().orElse(null)))
                .findFirst().orElseThrow();
    }

    private static java.util.stream.Stream<Component> descendants(Component c) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(c), c.getChildren().flatMap(TraceSearchViewTest::descendants));
    }

    @Test
    void malformedAttributeFilter_isExplainedAndNothingIsSearched() {
        open("service=shop");
        TextField attributes = find(TextField.class).withCaption("Attributes").single();

        test(attributes).setValue("checkout");
        test(find(Button.class).withText("Find traces").single()).click();

        assertThat(attributes.isInvalid()).isTrue();
        assertThat(attributes.getErrorMessage()).contains("'checkout' is not key=value");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getQueryParameters().getParameters())
                .doesNotContainKey("attr");
    }
}
