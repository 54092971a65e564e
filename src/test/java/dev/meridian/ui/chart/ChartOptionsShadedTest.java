package dev.meridian.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.TimeRange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartOptionsShadedTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void withShaded_putsTheSpansBehindTheFirstSeries_andAnEmptyListClearsThem() {
        ChartOption lines = ChartOptions.lines(List.of(new TimeSeries("a", "a", List.of(T), new double[] {1}),
                new TimeSeries("b", "b", List.of(T), new double[] {2})), TimeRange.of(T, T.plusSeconds(600)), "ms", true);

        ChartOption shaded = ChartOptions.withShaded(lines, List.of(new ChartOptions.Shaded("firing: p95", T, T.plusSeconds(60))));
        ChartOption cleared = ChartOptions.withShaded(lines, List.of());

        assertThat(shaded.series().getFirst().markArea().data()).containsExactly(List.of(
                new ChartOption.MarkEdge("firing: p95", T.toEpochMilli()), new ChartOption.MarkEdge(null, T.plusSeconds(60).toEpochMilli())));
        assertThat(shaded.series().get(1).markArea()).isNull();
        assertThat(cleared.series().getFirst().markArea().data()).isEmpty();
        assertThat(ChartJson.write(shaded)).contains("\"markArea\"", "\"xAxis\":" + T.toEpochMilli());
    }
}
