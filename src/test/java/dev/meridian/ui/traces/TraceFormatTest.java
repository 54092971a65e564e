package dev.meridian.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceFormatTest {

    @Test
    void duration_picksAReadableUnit() {
        assertThat(TraceFormat.duration(850)).isEqualTo("850 ns");
        assertThat(TraceFormat.duration(12_340)).isEqualTo("12.3 µs");
        assertThat(TraceFormat.duration(4_560_000)).isEqualTo("4.56 ms");
        assertThat(TraceFormat.duration(250_000_000)).isEqualTo("250 ms");
        assertThat(TraceFormat.duration(1_000_000_000)).isEqualTo("1 s");
        assertThat(TraceFormat.duration(123_000_000_000L)).isEqualTo("2m 03s");
    }

    @Test
    void severityLevel_followsOtlpRanges() {
        assertThat(TraceFormat.severityLevel(0)).isEqualTo("UNSPECIFIED");
        assertThat(TraceFormat.severityLevel(9)).isEqualTo("INFO");
        assertThat(TraceFormat.severityLevel(13)).isEqualTo("WARN");
        assertThat(TraceFormat.severityLevel(17)).isEqualTo("ERROR");
        assertThat(TraceFormat.severityLevel(24)).isEqualTo("FATAL");
        assertThat(TraceFormat.severity(9, "Information")).isEqualTo("Information");
    }

    @Test
    void value_rendersNestedValuesAsPlainText() {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("a", 1L);
        kv.put("b", List.of("x", true));
        assertThat(TraceFormat.value(kv)).isEqualTo("{a: 1, b: [x, true]}");
        assertThat(TraceFormat.value(new byte[] {1, (byte) 0xab})).isEqualTo("01ab");
        assertThat(TraceFormat.value(null)).isEmpty();
        assertThat(TraceFormat.value("<img src=x onerror=alert(1)>")).isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void visibleRows_skipCollapsedSubtrees() {
        TraceModel model = TraceModel.of(TestSpans.TRACE, List.of(
                TestSpans.span(1, 0, "web", "root", 0, 100),
                TestSpans.span(2, 1, "api", "a", 10, 50),
                TestSpans.span(3, 2, "db", "q", 20, 30),
                TestSpans.span(4, 1, "api", "b", 60, 90)), List.of());
        SpanNode a = model.spans().get(1);
        Set<SpanNode> collapsed = new java.util.HashSet<>(Set.of(a));

        assertThat(WaterfallRows.visible(model.spans(), collapsed)).extracting(n -> n.span().name())
                .containsExactly("root", "a", "b");
        WaterfallRows.reveal(model.spans().get(2), collapsed);
        assertThat(collapsed).isEmpty();
    }
}
