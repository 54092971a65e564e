package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApiParametersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void range_readsTheUisRelativeTimes() {
        TimeRange range = ApiParameters.range("now-15m", "now", CLOCK);

        assertThat(range).isEqualTo(TimeRange.of(NOW.minus(Duration.ofMinutes(15)), NOW));
        assertThat(ApiParameters.range("now-2w", "now-1d", CLOCK))
                .isEqualTo(TimeRange.of(NOW.minus(Duration.ofDays(14)), NOW.minus(Duration.ofDays(1))));
    }

    @Test
    void range_stillReadsEpochMillisAndIso() {
        assertThat(ApiParameters.range(String.valueOf(NOW.minusSeconds(60).toEpochMilli()), "2026-12-02T04:00:00Z", CLOCK))
                .isEqualTo(TimeRange.of(NOW.minusSeconds(60), NOW));
    }

    @Test
    void range_refusesRelativeTimesOutsideEpochNanosOrMalformed() {
        assertThatThrownBy(() -> ApiParameters.range("now-999999999w", "now", CLOCK))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'from'");
        assertThatThrownBy(() -> ApiParameters.range("now-60y", "now", CLOCK))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("now-<n>");
    }
}
