package dev.meridian.api.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.query.TraceSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JaegerQueryTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void grafanasParameters_becomeATraceSearch() {
        long end = NOW.toEpochMilli() * 1000;
        long start = NOW.minus(Duration.ofMinutes(15)).toEpochMilli() * 1000;
        TraceSearch search = JaegerQuery.of("checkout", "POST /pay", "{\"http.route\":\"/pay\",\"error\":\"true\"}", null,
                "1.2s", "3s", start, end, null, 500, NOW).search();

        assertThat(search.service()).isEqualTo("checkout");
        assertThat(search.operation()).isEqualTo("POST /pay");
        assertThat(search.attributes()).containsExactly(new TraceSearch.AttributeFilter("http.route", "/pay"));
        assertThat(search.status()).isEqualTo(TraceSearch.Status.ERROR);
        assertThat(search.minDurationMs()).isEqualTo(1200.0);
        assertThat(search.maxDurationMs()).isEqualTo(3000.0);
        assertThat(search.range().start()).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(search.range().end()).isEqualTo(NOW);
        assertThat(search.limit()).isEqualTo(JaegerController.MAX_LIMIT);
        assertThat(search.sort()).isEqualTo(TraceSearch.Sort.TIME);
    }

    @Test
    void defaults_lookbackAndTagPairs() {
        TraceSearch search = JaegerQuery.of("checkout", "", null, List.of("user.id:42"), "", null, null, null, "2h", null, NOW)
                .search();

        assertThat(search.operation()).isNull();
        assertThat(search.attributes()).containsExactly(new TraceSearch.AttributeFilter("user.id", "42"));
        assertThat(search.range().start()).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(search.limit()).isEqualTo(20);
        assertThat(JaegerQuery.millis("d", "500us")).isEqualTo(0.5);
    }

    @Test
    void badParameters_areClearErrors() {
        assertThatThrownBy(() -> JaegerQuery.of("s", null, "[1]", null, null, null, null, null, null, null, NOW))
                .hasMessageContaining("'tags' must be a JSON object");
        assertThatThrownBy(() -> JaegerQuery.of("s", null, null, List.of("novalue"), null, null, null, null, null, null, NOW))
                .hasMessageContaining("key:value");
        assertThatThrownBy(() -> JaegerQuery.of("s", null, null, null, "fast", null, null, null, null, null, NOW))
                .hasMessageContaining("minDuration");
    }
}
