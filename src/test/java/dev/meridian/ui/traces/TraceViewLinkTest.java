package dev.meridian.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TraceId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceViewLinkTest {

    private static final TraceId TRACE = TraceId.fromHex("4BF92F3577B34DA6A3CE929D0E0E4736");

    @Test
    void link_withoutSpan_isTheTracePath() {
        assertThat(TraceView.link(TRACE, null)).isEqualTo("traces/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceView.link(TRACE, SpanId.NONE)).isEqualTo("traces/4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void link_withSpan_selectsItByQueryParameter() {
        assertThat(TraceView.link(TRACE, SpanId.fromHex("00f067aa0ba902b7")))
                .isEqualTo("traces/4bf92f3577b34da6a3ce929d0e0e4736?span=00f067aa0ba902b7");
        assertThat(TraceView.queryParameters(new SpanId(0xfeee)).getParameters())
                .containsEntry(TraceView.SPAN, List.of("000000000000feee"));
        assertThat(TraceView.routeParameters(TRACE).get("traceId")).contains("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void waterfallLabels_nameTheServiceOnlyWhereItChanges() {
        TraceModel model = TraceModel.of(TestSpans.TRACE, List.of(
                TestSpans.span(1, 0, "web", "root", 0, 100),
                TestSpans.span(2, 1, "web", "same service", 10, 90),
                TestSpans.span(3, 2, "db", "other service", 95, 99)), List.of());

        assertThat(model.spans()).extracting(TraceWaterfall::serviceLabel).containsExactly("web", "", "db");
        assertThat(TraceWaterfall.labelInside(model.spans().get(0))).isTrue();
        assertThat(TraceWaterfall.labelStyle(model.spans().get(2))).startsWith("right:");
    }
}
