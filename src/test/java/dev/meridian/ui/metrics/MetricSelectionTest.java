package dev.meridian.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.MetricAggregation;
import dev.meridian.ui.base.TimeSelection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSelectionTest {

    @Test
    void fromParameters_readsEveryField() {
        MetricSelection selection = MetricSelection.fromParameters(Map.of(
                "metric", List.of("http.server.request.duration"), "service", List.of("checkout"),
                "agg", List.of("p99"), "groupBy", List.of("http.route", "http.request.method"),
                "filter", List.of("http.response.status_code=500", "q=a=b")));

        assertThat(selection.metric()).isEqualTo("http.server.request.duration");
        assertThat(selection.service()).isEqualTo("checkout");
        assertThat(selection.aggregation()).isEqualTo(MetricAggregation.P99);
        assertThat(selection.groupBy()).containsExactly("http.route", "http.request.method");
        assertThat(selection.filterMap()).containsExactly(Map.entry("http.response.status_code", "500"), Map.entry("q", "a=b"));
    }

    @Test
    void fromParameters_splitsCommaSeparatedGroupByAndDropsDuplicates() {
        MetricSelection selection = MetricSelection.fromParameters(Map.of("groupBy", List.of("a,b", "a", " ")));

        assertThat(selection.groupBy()).containsExactly("a", "b");
    }

    @Test
    void fromParameters_dropsUnreadableValues() {
        MetricSelection selection = MetricSelection.fromParameters(Map.of("agg", List.of("median"),
                "filter", List.of("novalue", "=x", " =y"), "metric", List.of(" ")));

        assertThat(selection).isEqualTo(MetricSelection.NONE);
    }

    @Test
    void toParameters_roundTripsInAStableOrder() {
        MetricSelection selection = new MetricSelection("jvm.memory.used", null, MetricAggregation.MAX,
                List.of("jvm.memory.type"), List.of("host.name=a"));

        assertThat(selection.toParameters().keySet()).containsExactly("metric", "agg", "groupBy", "filter");
        assertThat(MetricSelection.fromParameters(selection.toParameters())).isEqualTo(selection);
    }

    @Test
    void link_encodesRepeatedParametersAndTheWindow() {
        MetricSelection selection = new MetricSelection("http.server.request.count", "shop api", MetricAggregation.RATE,
                List.of("http.route", "http.request.method"), List.of("http.route=/api/orders?x=1"));

        assertThat(MetricsView.link(selection, TimeSelection.last(Duration.ofHours(6)))).isEqualTo(
                "metrics?metric=http.server.request.count&service=shop%20api&agg=rate&groupBy=http.route"
                        + "&groupBy=http.request.method&filter=http.route%3D%2Fapi%2Forders%3Fx%3D1&from=now-6h&to=now");
    }

    @Test
    void parseFilter_keepsEqualsSignsInTheValue() {
        assertThat(MetricSelection.parseFilter(" k =v=w")).contains(Map.entry("k", "v=w"));
        assertThat(MetricSelection.parseFilter("k=")).contains(Map.entry("k", ""));
        assertThat(MetricSelection.parseFilter("k")).isEmpty();
    }
}
