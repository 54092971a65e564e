package dev.meridian.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpanFinderTest {

    private final TraceModel model = TraceModel.of(TraceFixtures.checkout());

    @Test
    void find_matchesNameServiceAndAttributesIgnoringCase_inDisplayOrder() {
        assertThat(SpanFinder.find(model.spans(), "update inventory")).extracting(n -> n.span().name())
                .containsExactly("UPDATE inventory");
        assertThat(SpanFinder.find(model.spans(), "PAYMENTS")).hasSizeGreaterThan(3)
                .isSortedAccordingTo(java.util.Comparator.comparingInt(SpanNode::index));
        assertThat(SpanFinder.find(model.spans(), "fraud-model")).extracting(n -> n.span().name())
                .contains("POST fraud-model/predict");
        assertThat(SpanFinder.find(model.spans(), "<script>")).extracting(n -> n.span().name())
                .containsExactly(TraceFixtures.HOSTILE);
    }

    @Test
    void find_blankQuery_matchesNothing() {
        assertThat(SpanFinder.find(model.spans(), "  ")).isEmpty();
        assertThat(SpanFinder.find(model.spans(), null)).isEmpty();
        assertThat(SpanFinder.find(List.of(), "x")).isEmpty();
    }
}
