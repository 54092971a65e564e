package dev.meridian.query.compare;

import static dev.meridian.query.compare.CohortFixtures.log;
import static dev.meridian.query.compare.CohortFixtures.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Crafted cohorts: frontend calls cart, which queries a database instance; requests served by replica-3 are slow
 * (the query takes 400 ms instead of 10) and log "slow query on replica-3 took N ms".
 */
class CohortComparisonTest {

    private static List<dev.meridian.telemetry.Span> request(int i, String instance, long dbMs) {
        return List.of(span("frontend", "GET /cart", 1, 0, 0, 20 + dbMs, "http.route", "/cart", "order.id", "o-" + i),
                span("cart", "load cart", 2, 1, 5, 15 + dbMs, "feature.flag", i % 2 == 0 ? "a" : "b"),
                span("cart", "SELECT carts", 3, 2, 10, 10 + dbMs, "db.instance", instance, "request.id", "r" + i));
    }

    private static Findings crafted() {
        Cohort slow = new Cohort();
        Cohort typical = new Cohort();
        for (int i = 0; i < 20; i++) {
            // 18 of 20 slow requests went to replica-3; 2 to replica-1 but were slow for another reason
            String instance = i < 18 ? "replica-3" : "replica-1";
            slow.add(request(i, instance, 400), i < 18 ? List.of(log("cart", "slow query on replica-3 took " + (400 + i) + " ms"))
                    : List.of());
        }
        for (int i = 0; i < 200; i++) {
            // a few fast ones on replica-3 too, the rest spread over replicas 1 and 2
            String instance = i < 10 ? "replica-3" : i % 2 == 0 ? "replica-1" : "replica-2";
            typical.add(request(1000 + i, instance, 10), List.of(log("cart", "cart loaded with " + i + " items")));
        }
        return CohortComparison.compare(slow, typical);
    }

    @Test
    void attributes_rankTheOverRepresentedValueFirst_withItsShares() {
        Findings.AttributeFinding first = crafted().attributes().getFirst();
        assertThat(first.key()).isEqualTo("db.instance");
        assertThat(first.value()).isEqualTo("replica-3");
        assertThat(first.selectedShare()).isCloseTo(0.9, within(1e-9));
        assertThat(first.baselineShare()).isCloseTo(0.05, within(1e-9));
        assertThat(first.selectedCount()).isEqualTo(18);
        assertThat(first.baselineCount()).isEqualTo(10);
        assertThat(first.service()).isEqualTo("cart");
        assertThat(first.resource()).isFalse();
    }

    @Test
    void attributes_leaveOutIdsValuesEveryTraceHasAndUnderRepresentedOnes() {
        List<Findings.AttributeFinding> attributes = crafted().attributes();
        assertThat(attributes).extracting(Findings.AttributeFinding::key)
                .doesNotContain("order.id", "request.id", "http.route", "service.name");
        assertThat(attributes).noneMatch(a -> a.value().equals("replica-2")); // only in typical traces
        assertThat(attributes).allMatch(a -> a.selectedShare() > a.baselineShare());
    }

    @Test
    void attributes_needMinimumSupport_soAOneOffValueDoesNotLead() {
        Cohort slow = new Cohort();
        Cohort typical = new Cohort();
        for (int i = 0; i < 100; i++) {
            slow.add(List.of(span("a", "op", 1, 0, 0, 100, "region", i < 60 ? "eu" : "us", "rare", i == 0 ? "x" : "y")),
                    List.of());
            typical.add(List.of(span("a", "op", 1, 0, 0, 10, "region", i < 20 ? "eu" : "us", "rare", "y")), List.of());
        }
        List<Findings.AttributeFinding> attributes = CohortComparison.compare(slow, typical).attributes();
        assertThat(attributes.getFirst().value()).isEqualTo("eu");
        assertThat(attributes).noneMatch(a -> a.key().equals("rare"));
    }

    @Test
    void operations_rankByExtraMeanSelfTimePerTrace() {
        List<Findings.OperationFinding> operations = crafted().operations();
        Findings.OperationFinding first = operations.getFirst();
        assertThat(first.service()).isEqualTo("cart");
        assertThat(first.name()).isEqualTo("SELECT carts");
        assertThat(first.selectedSelfMs()).isCloseTo(400, within(1e-9));
        assertThat(first.baselineSelfMs()).isCloseTo(10, within(1e-9));
        assertThat(first.extraMs()).isCloseTo(390, within(1e-9));
        // the link's bound is a span duration: the caller's self time stayed ~10 ms, its span took 410
        assertThat(first.selectedSpanMs()).isCloseTo(400, within(1e-9));
        assertThat(operations).filteredOn(o -> o.name().equals("load cart")).singleElement()
                .satisfies(o -> assertThat(o.selectedSpanMs()).isCloseTo(410, within(1e-9)));
        // the callers' self time did not change: waiting for the query is the query's time
        assertThat(operations).filteredOn(o -> !o.name().equals("SELECT carts"))
                .allSatisfy(o -> assertThat(o.extraMs()).isCloseTo(0, within(1e-9)));
    }

    @Test
    void logs_rankTheOverRepresentedPatternFirst_countingTraces() {
        Findings.LogFinding first = crafted().logs().getFirst();
        assertThat(first.pattern()).isEqualTo("slow query on replica<num> took <num> ms");
        assertThat(first.selectedCount()).isEqualTo(18);
        assertThat(first.baselineCount()).isZero();
        assertThat(first.example()).startsWith("slow query on replica-3 took 4");
        assertThat(crafted().logs()).noneMatch(l -> l.pattern().startsWith("cart loaded")); // only in typical traces
    }

    @Test
    void separation_growsWithEvidence_andIsZeroWithoutAGroup() {
        assertThat(Separation.zScore(9, 10, 10, 100)).isGreaterThan(Separation.zScore(1, 1, 10, 100));
        assertThat(Separation.zScore(10, 10, 100, 100)).isZero();
        assertThat(Separation.zScore(3, 10, 0, 0)).isZero();
        assertThat(Separation.minimumSupport(1)).isEqualTo(1);
        assertThat(Separation.minimumSupport(50)).isEqualTo(2);
        assertThat(Separation.minimumSupport(1000)).isEqualTo(20);
    }

    @Test
    void highCardinalityKeys_areLeftOut_evenWhenTheirNameSaysNothing() {
        Cohort slow = new Cohort();
        Cohort typical = new Cohort();
        for (int i = 0; i < 100; i++) {
            slow.add(List.of(span("a", "op", 1, 0, 0, 100, "cart.key", "k" + (i % 50))), List.of());
            typical.add(List.of(span("a", "op", 1, 0, 0, 10, "cart.key", "k" + (50 + i % 50))), List.of());
        }
        assertThat(CohortComparison.compare(slow, typical).attributes()).isEmpty();
    }

    @Test
    void cohort_stopsCountingNewValuesAtItsBound_andTheComparisonSaysPartial() {
        Cohort slow = new Cohort(50);
        Cohort typical = new Cohort(50);
        for (int i = 0; i < 40; i++) {
            slow.add(List.of(span("a", "op", 1, 0, 0, 100, "cause", "yes", "k1", "v" + i % 3, "k2", "w" + i, "k3", "z" + i)),
                    List.of());
            typical.add(List.of(span("a", "op", 1, 0, 0, 10, "cause", "no", "k1", "v" + i % 3)), List.of());
        }
        assertThat(slow.truncated()).isTrue();
        assertThat(slow.pairs()).hasSize(50);
        assertThat(typical.truncated()).isFalse();
        Comparison comparison = Comparison.of("duration ≥ 50 ms", 50.0, slow, typical, 40, 40, false, false);
        assertThat(comparison.partial()).isTrue();
        assertThat(comparison.findings().attributes().getFirst().value()).isEqualTo("yes"); // counted before the bound
        assertThat(Comparison.of("x", 50.0, typical, typical, 40, 40, false, false).partial()).isFalse();
    }

    @Test
    void cohort_keepsAtMostItsBoundOfValuesPerKey_andLeavesSuchAKeyOut() {
        Cohort slow = new Cohort();
        Cohort typical = new Cohort();
        for (int i = 0; i < Cohort.MAX_VALUES_PER_KEY + 10; i++) {
            // many values in each trace: a key the ratio alone would keep (many carriers per value)
            slow.add(List.of(span("a", "op", 1, 0, 0, 100, "url", "u" + i),
                    span("a", "op", 2, 1, 0, 100, "url", "u" + (i + 1)), span("a", "op", 3, 1, 0, 100, "url", "u" + (i + 2))),
                    List.of());
            typical.add(List.of(span("a", "op", 1, 0, 0, 10, "url", "x")), List.of());
        }
        assertThat(slow.pairs().keySet().stream().filter(p -> p.key().equals("url"))).hasSize(Cohort.MAX_VALUES_PER_KEY);
        assertThat(slow.truncated()).isFalse(); // a saturated key is left out anyway: nothing is lost
        assertThat(CohortComparison.compare(slow, typical).attributes()).noneMatch(a -> a.key().equals("url"));
    }
}
