package dev.meridian.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.base.LogLinks;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The trace view links to a trace's logs through {@link LogLinks} (no package cycle): the same link the logs view builds. */
class LogLinksTest {

    @Test
    void forTrace_isTheLogsViewsOwnLink() {
        TraceId trace = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
        Instant from = Instant.parse("2026-11-25T10:00:00Z");
        Instant to = from.plusSeconds(120);

        assertThat(LogLinks.forTrace(trace, from, to)).isEqualTo(LogsView.linkToTrace(trace, from, to))
                .startsWith("logs?traceId=4bf92f3577b34da6a3ce929d0e0e4736&from=");
    }
}
