package dev.meridian.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSearch.AttributeFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceSearchParametersTest {

    @Test
    void fromParameters_readsEveryFilterOfTheUrl() {
        TraceSearchParameters search = TraceSearchParameters.fromParameters(Map.of(
                "service", List.of("checkout"), "operation", List.of("POST /api/checkout"),
                "minDurationMs", List.of("250"), "maxDurationMs", List.of("5000.5"), "status", List.of("error"),
                "attr", List.of("http.route=/a=b", "order.id=42"), "sort", List.of("errors")));

        assertThat(search).isEqualTo(new TraceSearchParameters("checkout", "POST /api/checkout", 250.0, 5000.5,
                TraceSearch.Status.ERROR, List.of(new AttributeFilter("http.route", "/a=b"),
                new AttributeFilter("order.id", "42")), TraceSearch.Sort.ERRORS));
    }

    @Test
    void fromParameters_dropsWhatItCannotRead() {
        TraceSearchParameters search = TraceSearchParameters.fromParameters(Map.of("minDurationMs", List.of("fast"),
                "maxDurationMs", List.of("-1"), "status", List.of("maybe"), "attr", List.of("no-equals-sign")));

        assertThat(search).isEqualTo(TraceSearchParameters.NONE);
    }

    @Test
    void toParameters_roundTrips() {
        TraceSearchParameters search = new TraceSearchParameters("a b", null, 10.0, null, TraceSearch.Status.OK,
                List.of(new AttributeFilter("k", "v")), TraceSearch.Sort.TIME);

        assertThat(TraceSearchParameters.fromParameters(search.toParameters())).isEqualTo(search);
        assertThat(search.toParameters()).containsEntry("minDurationMs", List.of("10")).doesNotContainKey("operation");
    }

    @Test
    void attributeFilterText_parsesQuotedValuesAndRejectsBareWords() {
        assertThat(AttributeFilterText.parse("http.route=\"/a b\" order.id=42")).containsExactly(
                new AttributeFilter("http.route", "/a b"), new AttributeFilter("order.id", "42"));
        assertThat(AttributeFilterText.format(List.of(new AttributeFilter("http.route", "/a b"))))
                .isEqualTo("http.route=\"/a b\"");
        assertThatThrownBy(() -> AttributeFilterText.parse("checkout")).hasMessageContaining("not key=value");
    }
}
