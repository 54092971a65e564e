package dev.meridian.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TraceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void time_isUtcWithMilliseconds() {
        assertThat(LogText.time(1_764_079_321_123_456_789L)).isEqualTo("Nov 25 14:02:01.123");
    }

    @Test
    void oneLine_replacesLineBreaksAndCutsLongBodies() {
        assertThat(LogText.oneLine("first\r\nsecond\tthird")).isEqualTo("first ⏎ second third");
        String cut = LogText.oneLine("x".repeat(1000));
        assertThat(cut).hasSize(LogText.ONE_LINE_MAX + 1).endsWith("…");
    }

    @Test
    void oneLine_keepsMarkupAsLiteralText() {
        assertThat(LogText.oneLine("<img src=x onerror=alert(1)>")).isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void value_rendersStructuredBodies() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1L);
        map.put("b", List.of("x", true));
        assertThat(LogText.value(map)).isEqualTo("{a=1, b=[x, true]}");
        assertThat(LogText.value(new byte[] {1, 2, 3})).isEqualTo("AQID");
        assertThat(LogText.value(null)).isEmpty();
    }

    @Test
    void traceLink_pointsAtTheSpanWhenThereIsOne() {
        TraceId trace = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
        SpanId span = SpanId.fromHex("00f067aa0ba902b7");

        assertThat(LogText.traceLink(trace, span)).isEqualTo("traces/4bf92f3577b34da6a3ce929d0e0e4736?span=00f067aa0ba902b7");
        assertThat(LogText.traceLink(trace, SpanId.NONE)).isEqualTo("traces/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(LogText.traceLink(TraceId.INVALID, span)).isNull();
    }

    @Test
    void severityLabel_usesTheLevelOrTheRecordsOwnText() {
        assertThat(LogText.severityLabel(record(14, "Warning"))).isEqualTo("WARN");
        assertThat(LogText.severityClass(record(14, "Warning"))).isEqualTo("warn");
        assertThat(LogText.severityLabel(record(0, "notice"))).isEqualTo("notice");
        assertThat(LogText.severityClass(record(0, "<b>"))).isEqualTo("unset");
        assertThat(LogText.severityLabel(record(0, ""))).isEqualTo("–");
    }

    static LogRecord record(int severity, String text) {
        return new LogRecord(Resource.EMPTY, InstrumentationScope.EMPTY, 1, 1, severity, text, "body", Attributes.EMPTY,
                0, 0, TraceId.INVALID, SpanId.NONE, null);
    }
}
