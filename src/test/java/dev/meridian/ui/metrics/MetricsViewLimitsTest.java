package dev.meridian.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.MetricSeries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a metrics tab keeps is bounded however many groups a query returns. */
class MetricsViewLimitsTest {

    private static List<MetricSeries> series(int count) {
        return IntStream.range(0, count).mapToObj(i -> new MetricSeries(Map.of("user.id", "u" + i),
                List.of(Instant.EPOCH), new double[] {i})).toList();
    }

    @Test
    void firstSeries_keepsAtMostMaxSeries_inQueryOrder() {
        List<MetricSeries> shown = MetricsView.firstSeries(series(5_000), MetricsView.MAX_SERIES);

        assertThat(shown).hasSize(50);
        assertThat(shown.getFirst().group()).containsEntry("user.id", "u0");
        assertThat(shown.getLast().group()).containsEntry("user.id", "u49");
    }

    @Test
    void firstSeries_keepsAFewAsTheyAre() {
        assertThat(MetricsView.firstSeries(series(3), MetricsView.MAX_SERIES)).hasSize(3);
    }
}
