package dev.meridian.query.compare;

import static dev.meridian.query.compare.CohortFixtures.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.telemetry.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathComparisonTest {

    private static List<Span> typical(long dbMs, boolean withCache) {
        List<Span> spans = new ArrayList<>(List.of(span("web", "GET /cart", 1, 0, 0, 30 + dbMs),
                span("cart", "load", 2, 1, 5, 25 + dbMs), span("cart", "SELECT", 3, 2, 10, 10 + dbMs)));
        if (withCache) {
            spans.add(span("cart", "cache get", 4, 2, 6, 8));
        }
        return spans;
    }

    @Test
    void compare_setsEachPathAgainstTheMedianOfTypicalTraces_andMarksExtraAndMissingSpans() {
        List<Span> slow = new ArrayList<>(typical(500, false));
        slow.add(span("cart", "retry", 5, 3, 100, 200)); // a child of the query, never seen in typical traces
        slow.add(span("cart", "retry", 6, 3, 300, 400)); // twice: one path, summed
        List<List<Span>> others = List.of(typical(10, true), typical(12, true), typical(30, true), typical(11, false));

        List<PathComparison.PathRow> rows = PathComparison.compare(slow, others);

        PathComparison.PathRow db = rows.stream().filter(r -> r.name().equals("SELECT")).findFirst().orElseThrow();
        assertThat(db.label()).isEqualTo("web: GET /cart → cart: load → cart: SELECT");
        assertThat(db.depth()).isEqualTo(2);
        assertThat(db.thisMs()).isCloseTo(500, within(1e-9));
        assertThat(db.typicalMs()).isCloseTo(11.5, within(1e-9)); // median of 10, 11, 12, 30
        assertThat(db.status()).isEqualTo(PathComparison.Status.COMMON);
        assertThat(db.extraMs()).isCloseTo(488.5, within(1e-9));

        PathComparison.PathRow retry = rows.stream().filter(r -> r.name().equals("retry")).findFirst().orElseThrow();
        assertThat(retry.status()).isEqualTo(PathComparison.Status.EXTRA);
        assertThat(retry.thisSpans()).isEqualTo(2);
        assertThat(retry.thisMs()).isCloseTo(200, within(1e-9));
        assertThat(retry.typicalMs()).isNaN();

        PathComparison.PathRow cache = rows.getLast();
        assertThat(cache.name()).isEqualTo("cache get");
        assertThat(cache.status()).isEqualTo(PathComparison.Status.MISSING);
        assertThat(cache.typicalShare()).isCloseTo(0.75, within(1e-9));
        assertThat(cache.typicalMs()).isCloseTo(2, within(1e-9));
    }

    @Test
    void compare_withoutTypicalTraces_hasNoRows_notEveryPathExtra() {
        assertThat(PathComparison.compare(typical(10, false), List.of())).isEmpty();
        assertThat(PathComparison.compare(typical(10, false), List.of(typical(10, false))))
                .hasSize(3).allMatch(r -> r.status() == PathComparison.Status.COMMON);
    }
}
