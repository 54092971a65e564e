package dev.meridian.ui.metrics;

import static dev.meridian.query.MetricAggregation.AVG;
import static dev.meridian.query.MetricAggregation.COUNT;
import static dev.meridian.query.MetricAggregation.LAST;
import static dev.meridian.query.MetricAggregation.MAX;
import static dev.meridian.query.MetricAggregation.MIN;
import static dev.meridian.query.MetricAggregation.P50;
import static dev.meridian.query.MetricAggregation.P95;
import static dev.meridian.query.MetricAggregation.P99;
import static dev.meridian.query.MetricAggregation.RATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.MetricType;
import org.junit.jupiter.api.Test;

class MetricAggregationsTest {

    @Test
    void allowedFor_sumsAreRatesOrLastValues() {
        assertThat(MetricAggregations.allowedFor(MetricType.SUM)).containsExactly(RATE, LAST);
    }

    @Test
    void allowedFor_upDownCountersShowTheirLevelFirst() {
        var memory = new dev.meridian.query.MetricDescriptor("jvm.memory.used", MetricType.SUM, "By", "", false);
        var requests = new dev.meridian.query.MetricDescriptor("http.server.request.count", MetricType.SUM, "1", "", true);

        assertThat(MetricAggregations.allowedFor(memory)).containsExactly(LAST, RATE);
        assertThat(MetricAggregations.resolve(memory, null)).isEqualTo(LAST);
        assertThat(MetricAggregations.resolve(requests, null)).isEqualTo(RATE);
        assertThat(MetricAggregations.resolve(memory, RATE)).isEqualTo(RATE);
    }

    @Test
    void allowedFor_histogramsArePercentilesOrCounts() {
        assertThat(MetricAggregations.allowedFor(MetricType.HISTOGRAM)).containsExactlyInAnyOrder(P50, P95, P99, COUNT);
        assertThat(MetricAggregations.allowedFor(MetricType.SUMMARY)).containsExactlyInAnyOrder(P50, P95, P99, COUNT);
        assertThat(MetricAggregations.allowedFor(MetricType.EXPONENTIAL_HISTOGRAM)).containsExactly(COUNT);
    }

    @Test
    void allowedFor_gaugesAreAvgMinMaxLast() {
        assertThat(MetricAggregations.allowedFor(MetricType.GAUGE)).containsExactly(AVG, MIN, MAX, LAST);
    }

    @Test
    void defaultFor_isRateP95AndAvg() {
        assertThat(MetricAggregations.defaultFor(MetricType.SUM)).isEqualTo(RATE);
        assertThat(MetricAggregations.defaultFor(MetricType.HISTOGRAM)).isEqualTo(P95);
        assertThat(MetricAggregations.defaultFor(MetricType.GAUGE)).isEqualTo(AVG);
        assertThat(MetricAggregations.defaultFor(null)).isNull();
    }

    @Test
    void resolve_keepsAValidChoiceAndReplacesAnInvalidOne() {
        assertThat(MetricAggregations.resolve(MetricType.GAUGE, MAX)).isEqualTo(MAX);
        assertThat(MetricAggregations.resolve(MetricType.GAUGE, P99)).isEqualTo(AVG);
        assertThat(MetricAggregations.resolve(MetricType.HISTOGRAM, RATE)).isEqualTo(P95);
        assertThat(MetricAggregations.resolve(MetricType.SUM, null)).isEqualTo(RATE);
    }
}
