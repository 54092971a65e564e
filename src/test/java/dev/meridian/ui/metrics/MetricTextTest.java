package dev.meridian.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.MetricAggregation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTextTest {

    @Test
    void chartUnit_mapsUcumUnitsToTheChartsTerms() {
        assertThat(MetricText.chartUnit("By", MetricAggregation.AVG)).isEqualTo("bytes");
        assertThat(MetricText.chartUnit("1", MetricAggregation.LAST)).isEqualTo("percent");
        assertThat(MetricText.chartUnit("ms", MetricAggregation.P95)).isEqualTo("ms");
        assertThat(MetricText.chartUnit("{request}", MetricAggregation.RATE)).isEqualTo("request/s");
        assertThat(MetricText.chartUnit("s", MetricAggregation.COUNT)).isEmpty();
        assertThat(MetricText.chartUnit(null, MetricAggregation.RATE)).isEqualTo("/s");
    }

    @Test
    void readableUnit_spellsOutUcumUnits() {
        assertThat(MetricText.readableUnit("By")).isEqualTo("bytes");
        assertThat(MetricText.readableUnit("{request}")).isEqualTo("request");
        assertThat(MetricText.readableUnit("s")).isEqualTo("seconds");
        assertThat(MetricText.readableUnit(null)).isEmpty();
    }

    @Test
    void seriesName_isTheGroupValueOrKeyValuePairs() {
        assertThat(MetricText.seriesName("jvm.memory.used", Map.of())).isEqualTo("jvm.memory.used");
        assertThat(MetricText.seriesName("jvm.memory.used", Map.of("jvm.memory.type", "heap"))).isEqualTo("heap");
        Map<String, String> two = new LinkedHashMap<>();
        two.put("route", "/a");
        two.put("method", "GET");
        assertThat(MetricText.seriesName("m", two)).isEqualTo("/a · GET");
        assertThat(MetricText.seriesName("m", Map.of("k", ""))).isEqualTo("(none)");
    }

    @Test
    void figure_formatsInTheChartUnit() {
        assertThat(MetricText.figure(3.5 * 1024 * 1024, "bytes")).isEqualTo("3.5 MiB");
        assertThat(MetricText.figure(0.256, "percent")).isEqualTo("25.6 %");
        assertThat(MetricText.figure(12_345, "request/s")).isEqualTo("12.3k request/s");
        assertThat(MetricText.figure(Double.NaN, "ms")).isEqualTo("–");
        assertThat(MetricText.figure(42, "")).isEqualTo("42");
    }

    @Test
    void tracesLink_opensTheSlowestTracesOfTheServiceInTheWindow() {
        String link = MetricText.tracesLink("checkout", Instant.ofEpochMilli(60_000), Instant.ofEpochMilli(120_000));

        assertThat(link).isEqualTo("traces?service=checkout&sort=duration&from=60000&to=120000");
        assertThat(MetricText.tracesLink(null, Instant.ofEpochMilli(0), Instant.ofEpochMilli(1)))
                .isEqualTo("traces?sort=duration&from=0&to=1");
    }

    @Test
    void stats_ignoreMissingBuckets() {
        MetricText.Stats stats = MetricText.Stats.of(new double[] {Double.NaN, 2, 6, Double.NaN, 4, Double.NaN});

        assertThat(stats).isEqualTo(new MetricText.Stats(2, 4, 6, 4));
        assertThat(MetricText.Stats.of(new double[] {Double.NaN}).avg()).isNaN();
    }
}
