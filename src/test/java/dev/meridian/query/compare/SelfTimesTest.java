package dev.meridian.query.compare;

import static dev.meridian.query.compare.CohortFixtures.MS;
import static dev.meridian.query.compare.CohortFixtures.span;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfTimesTest {

    @Test
    void selfTime_subtractsTheUnionOfChildrenClippedToTheSpan() {
        // root 0-100; children 10-40 and 30-60 overlap (union 10-60), a third runs past the root's end (90-120)
        var spans = List.of(span("a", "root", 1, 0, 0, 100), span("b", "call", 2, 1, 10, 40),
                span("b", "call", 3, 1, 30, 60), span("c", "late", 4, 1, 90, 120));
        Map<SelfTimes.Operation, Long> self = SelfTimes.perOperation(spans);
        assertThat(self.get(new SelfTimes.Operation("a", "root"))).isEqualTo(40 * MS); // 100 - 50 - 10
        assertThat(self.get(new SelfTimes.Operation("b", "call"))).isEqualTo(60 * MS); // 30 + 30, summed per operation
        assertThat(self.get(new SelfTimes.Operation("c", "late"))).isEqualTo(30 * MS);
    }

    @Test
    void selfTime_ofALeafIsItsDuration_andNeverNegative() {
        var spans = List.of(span("a", "root", 1, 0, 0, 10), span("a", "child", 2, 1, 0, 50));
        assertThat(SelfTimes.perOperation(spans).get(new SelfTimes.Operation("a", "root"))).isZero();
        assertThat(SelfTimes.perOperation(spans).get(new SelfTimes.Operation("a", "child"))).isEqualTo(50 * MS);
    }
}
