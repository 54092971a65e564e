package dev.meridian.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeSelectionTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void resolve_relativeRange_endsNowAndStartsTheDurationBefore() {
        TimeRange range = TimeSelection.fromParameters(Map.of("from", List.of("now-15m"), "to", List.of("now")))
                .resolve(clock);

        assertThat(range.start()).isEqualTo(Instant.parse("2026-11-25T11:45:00Z"));
        assertThat(range.end()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void resolve_absoluteMillisAndIso_areTakenAsGiven() {
        TimeSelection selection = TimeSelection.fromParameters(Map.of(
                "from", List.of(Long.toString(Instant.parse("2026-11-25T10:00:00Z").toEpochMilli())),
                "to", List.of("2026-11-25T10:05:00Z")));

        TimeRange range = selection.resolve(clock);

        assertThat(range.start()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(range.end()).isEqualTo(Instant.parse("2026-11-25T10:05:00Z"));
        assertThat(selection.isRelative()).isFalse();
    }

    @Test
    void fromParameters_unreadableTimes_fallBackToTheLastHour() {
        TimeSelection selection = TimeSelection.fromParameters(Map.of("from", List.of("yesterday'; DROP TABLE"),
                "refresh", List.of("10s")));

        assertThat(selection.from()).isEqualTo("now-1h");
        assertThat(selection.to()).isEqualTo("now");
        assertThat(selection.refresh()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void toParameters_roundTripsThroughTheUrl() {
        TimeSelection selection = TimeSelection.last(Duration.ofHours(6)).withRefresh(Duration.ofMinutes(1));

        Map<String, String> parameters = selection.toParameters();
        TimeSelection read = TimeSelection.fromParameters(Map.of("from", List.of(parameters.get("from")),
                "to", List.of(parameters.get("to")), "refresh", List.of(parameters.get("refresh"))));

        assertThat(parameters).containsEntry("from", "now-6h").containsEntry("refresh", "1m");
        assertThat(read).isEqualTo(selection);
        assertThat(read.preset()).contains(Duration.ofHours(6));
    }

    @Test
    void resolve_reversedAbsoluteRange_isPutInOrder() {
        TimeRange range = TimeSelection.absolute(Instant.parse("2026-11-25T11:00:00Z"), Instant.parse("2026-11-25T10:00:00Z"))
                .resolve(clock);

        assertThat(range.start()).isBefore(range.end());
    }

    @Test
    void parseDuration_rejectsZeroNegativeAndUnknownUnits() {
        assertThat(TimeSelection.parseDuration("0s")).isEmpty();
        assertThat(TimeSelection.parseDuration("-5m")).isEmpty();
        assertThat(TimeSelection.parseDuration("5y")).isEmpty();
        assertThat(TimeSelection.parseDuration("7d")).contains(Duration.ofDays(7));
    }
}
