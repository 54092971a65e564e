package dev.meridian.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiringWindowsTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static long ids;

    static AlertEvent event(String rule, AlertState state, int minute) {
        Instant at = T.plusSeconds(60L * minute);
        return new AlertEvent(++ids, rule, "rule " + rule, "", state, at, 1.0, at.minusSeconds(300), at, Evidence.NONE);
    }

    @Test
    void firingToResolved_isAWindow_clippedToTheRange_andAnOpenOneRunsToTheEnd() {
        TimeRange range = TimeRange.of(T.plusSeconds(600), T.plusSeconds(3600));
        List<AlertEvent> history = List.of(
                event("a", AlertState.RESOLVED, 20), event("a", AlertState.FIRING, 5),   // began before the range
                event("a", AlertState.FIRING, 40),                                      // still firing
                event("b", AlertState.FIRING, 30), event("b", AlertState.RESOLVED, 35), // another service's rule
                event("a", AlertState.PENDING, 38));

        List<FiringWindows.Window> windows = FiringWindows.of(history, Set.of("a"), range);

        assertThat(windows).extracting(FiringWindows.Window::start, FiringWindows.Window::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(T.plusSeconds(600), T.plusSeconds(1200)),
                org.assertj.core.groups.Tuple.tuple(T.plusSeconds(2400), T.plusSeconds(3600)));
        assertThat(FiringWindows.of(history, Set.of("a"), TimeRange.of(T.plusSeconds(7200), T.plusSeconds(9000))))
                .as("a rule firing since before a later range").hasSize(1);
    }
}
