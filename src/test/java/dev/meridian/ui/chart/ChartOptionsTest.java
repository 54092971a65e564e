package dev.meridian.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartOptionsTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");
    private static final TimeRange RANGE = TimeRange.lastBefore(T, Duration.ofMinutes(2));

    @Test
    void lines_emptyBucketsBecomeGapsAndTheAxisSpansTheWholeRange() {
        TimeSeries series = new TimeSeries("p95", "p95", List.of(T.minusSeconds(120), T.minusSeconds(60)),
                new double[] {12.5, Double.NaN});

        String json = ChartJson.write(ChartOptions.lines(List.of(series), RANGE, "ms", true));

        assertThat(json).contains("[" + T.minusSeconds(120).toEpochMilli() + ",12.5]")
                .contains("[" + T.minusSeconds(60).toEpochMilli() + ",null]")
                .contains("\"min\":" + RANGE.start().toEpochMilli())
                .contains("\"max\":" + RANGE.end().toEpochMilli())
                .contains("\"brushType\":\"lineX\"")
                .contains("\"meridian\":{\"unit\":\"ms\",\"brushable\":true}");
    }

    @Test
    void lines_showSymbolsOnlyWhereAPointHasNoNeighbour() {
        List<Instant> buckets = List.of(T.minusSeconds(120), T.minusSeconds(60), T);
        TimeSeries continuous = new TimeSeries("a", "a", buckets, new double[] {1, 2, 3});
        TimeSeries isolated = new TimeSeries("b", "b", buckets, new double[] {Double.NaN, 2, Double.NaN});

        assertThat(ChartOptions.hasIsolatedPoints(continuous)).isFalse();
        assertThat(ChartOptions.hasIsolatedPoints(isolated)).isTrue();
        assertThat(ChartOptions.lines(List.of(isolated), RANGE, "ms", false).series().getFirst().showSymbol()).isTrue();
    }

    @Test
    void lines_notBrushable_hasNoBrush() {
        String json = ChartJson.write(ChartOptions.lines(List.of(), RANGE, "ms", false));

        assertThat(json).doesNotContain("brushType");
    }

    @Test
    void scatter_itemsKeepTheirIdsForClicks() {
        ChartOption.Item item = new ChartOption.Item("4bf92f3577b34da6a3ce929d0e0e4736", "<b>frontend</b>: GET /",
                List.of(T.toEpochMilli(), 250.0), null);

        String json = ChartJson.write(ChartOptions.scatter(List.of(new ChartOptions.ScatterGroup("ok", "Traces",
                "#1f77b4", List.of(item))), RANGE, "ms", true));

        assertThat(json).contains("\"id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"").contains("\"type\":\"scatter\"");
    }
}
