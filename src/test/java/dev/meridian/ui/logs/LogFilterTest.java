package dev.meridian.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.LogSearch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.base.TimeSelection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFilterTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void fromParameters_readsEveryField() {
        LogFilter filter = LogFilter.fromParameters(Map.of("q", List.of("timeout"), "severity", List.of("warn"),
                "service", List.of("checkout"), "traceId", List.of(TRACE.toUpperCase())));

        assertThat(filter).isEqualTo(new LogFilter("timeout", Severity.WARN, "checkout", TraceId.fromHex(TRACE)));
    }

    @Test
    void fromParameters_ignoresUnreadableValues() {
        LogFilter filter = LogFilter.fromParameters(Map.of("severity", List.of("loud"), "traceId", List.of("xyz"),
                "q", List.of("  ")));

        assertThat(filter).isEqualTo(LogFilter.NONE);
        assertThat(filter.isEmpty()).isTrue();
    }

    @Test
    void fromParameters_treatsTheAllZeroTraceIdAsNone() {
        assertThat(LogFilter.fromParameters(Map.of("traceId", List.of("0".repeat(32)))).traceId()).isNull();
    }

    @Test
    void toParameters_leavesOutUnsetFieldsAndRoundTrips() {
        LogFilter filter = new LogFilter(null, Severity.ERROR, "api", null);

        assertThat(filter.toParameters()).containsExactly(Map.entry("severity", "ERROR"), Map.entry("service", "api"));
        Map<String, List<String>> asUrl = Map.of("severity", List.of("ERROR"), "service", List.of("api"));
        assertThat(LogFilter.fromParameters(asUrl)).isEqualTo(filter);
    }

    @Test
    void toSearch_passesTheMinimumSeverityAsOtlpNumber() {
        TimeRange range = new TimeRange(1_000, 2_000);
        LogSearch search = new LogFilter("boom", Severity.WARN, "api", TraceId.fromHex(TRACE)).toSearch(range, 200, 1_500L);

        assertThat(search.minSeverity()).isEqualTo(13);
        assertThat(search.text()).isEqualTo("boom");
        assertThat(search.service()).isEqualTo("api");
        assertThat(search.traceId()).isEqualTo(TraceId.fromHex(TRACE));
        assertThat(search.range()).isEqualTo(range);
        assertThat(search.limit()).isEqualTo(200);
        assertThat(search.beforeNanos()).isEqualTo(1_500L);
    }

    @Test
    void link_isBareWithoutFilters() {
        assertThat(LogsView.link(LogFilter.NONE)).isEqualTo("logs");
    }

    @Test
    void link_encodesValuesAndCarriesTheTimeWindow() {
        String link = LogsView.link(new LogFilter("a b&c=d", Severity.INFO, "my svc", null), TimeSelection.last(java.time.Duration.ofMinutes(15)));

        assertThat(link).startsWith("logs?q=a%20b%26c%3Dd&severity=INFO&service=my%20svc&from=now-15m&to=now");
    }

    @Test
    void linkToTrace_filtersByTraceInAnAbsoluteWindow() {
        String link = LogsView.linkToTrace(TraceId.fromHex(TRACE), Instant.ofEpochMilli(1000), Instant.ofEpochMilli(5000));

        assertThat(link).isEqualTo("logs?traceId=" + TRACE + "&from=1000&to=5000");
    }
}
