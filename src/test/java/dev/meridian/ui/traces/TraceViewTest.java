package dev.meridian.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import dev.meridian.telemetry.SpanId;
import dev.meridian.ui.ViewTest;
import org.junit.jupiter.api.Test;

/** The trace view on the {@link TraceFixtures} stored by the shared seed, without a browser. */
class TraceViewTest extends ViewTest {

    /** The payments server span of the checkout fixture, which records the exception. */
    private static final SpanId PAYMENTS = new SpanId(0x1000 + 14 * 0x1111);


    @SuppressWarnings("unchecked")
    private Grid<SpanNode> waterfall() {
        return $(Grid.class, $(TraceWaterfall.class).single()).single();
    }

    @SuppressWarnings("unchecked")
    private Grid<TraceLogList.LogRow> logs() {
        return $(TraceLogList.class).single();
    }

    @Test
    void open_showsEverySpanAndTheTraceLogs() {
        navigate(TraceView.link(TraceFixtures.CHECKOUT, null), TraceView.class);

        var grid = test(waterfall());
        assertThat(grid.size()).isEqualTo(TraceFixtures.checkout().spans().size());
        assertThat(grid.getLitRendererPropertyValue(0, 0, "name", String.class)).isEqualTo("POST /api/checkout");
        assertThat(test(logs()).size()).isEqualTo(TraceFixtures.checkout().logs().size());
        assertThat($(TraceHeader.class).single().getElement().getTextRecursively()).contains("5 errors", "frontend", "22");
    }

    @Test
    void aTraceCutAtTheSpanLimit_saysWhatIsNotShown() {
        navigate(TraceView.link(TraceFixtures.LARGE, null), TraceView.class);

        assertThat($(com.vaadin.flow.component.html.Div.class).all().stream()
                .filter(div -> div.hasClassName("tw-truncated")).findFirst().orElseThrow().getText())
                .contains("the first 5000 spans", "1234 spans and 0 logs are not");
    }

    @Test
    void open_aCompleteTrace_hasNoTruncationNote() {
        navigate(TraceView.link(TraceFixtures.CHECKOUT, null), TraceView.class);

        assertThat($(com.vaadin.flow.component.html.Div.class).all()).noneMatch(div -> div.hasClassName("tw-truncated"));
    }

    @Test
    void spanParameter_selectsTheSpanAndShowsItsException() {
        TraceView.navigate(TraceFixtures.CHECKOUT, PAYMENTS);

        assertThat(waterfall().asSingleSelect().getValue().span().spanId()).isEqualTo(PAYMENTS);
        assertThat($(H3.class, $(SpanDetailsPanel.class).single()).single().getText()).isEqualTo("POST /payments");
        assertThat($(Pre.class).single().getText()).contains("CardDeclinedException", "\tat com.shop.payments.GatewayClient");
    }

    @Test
    void errorCount_cyclesThroughTheSpansInError() {
        navigate(TraceView.link(TraceFixtures.CHECKOUT, null), TraceView.class);
        var errors = test($(Button.class).withText("5 errors").single());

        errors.click();
        assertThat(waterfall().asSingleSelect().getValue().span().name()).isEqualTo("POST /api/checkout");
        errors.click();
        assertThat(waterfall().asSingleSelect().getValue().span().name()).isEqualTo("POST /orders");
        assertThat(waterfall().asSingleSelect().getValue().error()).isTrue();
    }

    @Test
    void toggle_collapsesAndExpandsASubtree() {
        navigate(TraceView.link(TraceFixtures.CHECKOUT, null), TraceView.class);
        var grid = test(waterfall());
        int all = grid.size();
        int row = 0; // the root: everything else is below it

        grid.invokeLitRendererFunction(row, 0, "toggle");
        assertThat(grid.size()).isEqualTo(1 + 1); // the root, and the orphan shown as an extra root
        grid.invokeLitRendererFunction(row, 0, "toggle");
        assertThat(grid.size()).isEqualTo(all);
    }

    @Test
    void clickingALog_selectsTheSpanThatEmittedIt() {
        navigate(TraceView.link(TraceFixtures.CHECKOUT, null), TraceView.class);
        var logGrid = test(logs());
        int row = 0;
        while (!logGrid.getRow(row).log().body().toString().startsWith("payment failed")) {
            row++;
        }

        logGrid.clickRow(row);

        assertThat(waterfall().asSingleSelect().getValue().span().spanId()).isEqualTo(PAYMENTS);
    }

    @Test
    void markupInTelemetry_isNeverRenderedAsHtml() {
        navigate(TraceView.link(TraceFixtures.CHECKOUT, null), TraceView.class);
        var grid = test(waterfall());
        int row = 0;
        while (!TraceFixtures.HOSTILE.equals(grid.getRow(row).span().name())) {
            row++;
        }

        assertThat(grid.getLitRendererPropertyValue(row, 0, "name", String.class)).isEqualTo(TraceFixtures.HOSTILE);
        grid.select(row);
        assertThat($(Html.class).all()).isEmpty();
        assertThat($(SpanDetailsPanel.class).single().getElement().getTextRecursively())
                .contains(TraceFixtures.HOSTILE, "<script>alert('attr')</script>");
    }

    @Test
    void malformedId_saysWhatATraceIdIs() {
        navigate("traces/not-a-trace-id", TraceView.class);

        assertThat(getCurrentView().getElement().getTextRecursively()).contains("Not a trace id", "32 hexadecimal characters");
    }

    @Test
    void unknownTrace_saysNotFound() {
        navigate("traces/0123456789abcdef0123456789abcdef", TraceView.class);

        assertThat(getCurrentView().getElement().getTextRecursively()).contains("Trace not found");
    }

    @Test
    void largeTrace_opensWithEveryRowAvailable() {
        long start = System.nanoTime();
        navigate(TraceView.link(TraceFixtures.LARGE, null), TraceView.class);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(test(waterfall()).size()).isEqualTo(5_000);
        System.out.println("server-side open of a 5,000-span trace: " + millis + " ms"); // speed is a benchmark's job
    }
}
