package dev.meridian.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.QueryParameters;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.ViewTest;
import dev.meridian.ui.ViewTestData;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogsViewTest extends ViewTest {

    static final String MARKUP = ViewTestData.MARKUP;
    static final TraceId TRACE = ViewTestData.LOG_TRACE;

    private LogsView open(String query) {
        UI.getCurrent().navigate("logs", QueryParameters.fromString(query.isEmpty() ? ViewTestData.WINDOW : query + "&" + ViewTestData.WINDOW));
        return (LogsView) getCurrentView();
    }

    @SuppressWarnings("unchecked")
    private List<String> bodies() {
        Grid<LogRow> grid = $(Grid.class).single();
        return IntStream.range(0, test(grid).size()).mapToObj(i -> String.valueOf(test(grid).getRow(i).record().body())).toList();
    }

    @Test
    void logsView_showsRecordsNewestFirst() {
        open("");

        assertThat(bodies()).containsExactly("query", "boom", MARKUP, "hello");
    }

    @Test
    void severityParameter_keepsWarningsAndAbove() {
        open("severity=warn");

        assertThat(bodies()).containsExactly("boom", MARKUP);
    }

    @Test
    void serviceAndTraceParameters_filter() {
        open("service=shop&traceId=" + TRACE.toHex());

        assertThat(bodies()).containsExactly("boom", MARKUP);
    }

    @Test
    @SuppressWarnings("unchecked")
    void choosingASeverity_putsItInTheUrl() {
        open("");

        Select<Severity> severity = $(Select.class).withClassName("explore-severity").single();
        test(severity).selectItem("ERROR and above");

        assertThat(bodies()).containsExactly("boom");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getQueryParameters().getParameters())
                .containsEntry("severity", List.of("ERROR"))
                .containsEntry("from", List.of(ViewTestData.FROM));
    }

    @Test
    @SuppressWarnings("unchecked")
    void markupInABody_isOnlyEverText() {
        open("q=img");

        Grid<LogRow> grid = $(Grid.class).single();
        assertThat(test(grid).getLitRendererPropertyValue(0, 3, "body", String.class)).isEqualTo(MARKUP);
        assertThat(test(grid).getLitRendererPropertyValue(0, 4, "href", String.class))
                .isEqualTo("traces/" + TRACE.toHex() + "?span=" + new SpanId(100).toHex());
        assertThat($(Html.class).all()).isEmpty();
    }

    @Test
    void emptyRange_pointsAtTheOtlpPort() {
        UI.getCurrent().navigate("logs", QueryParameters.fromString("from=0&to=1000"));

        Span title = $(Span.class).withClassName("explore-empty-title").single();
        assertThat(title.getText()).contains(":4318");
    }
}
