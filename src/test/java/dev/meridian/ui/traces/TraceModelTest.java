package dev.meridian.ui.traces;

import static dev.meridian.ui.traces.TestSpans.TRACE;
import static dev.meridian.ui.traces.TestSpans.error;
import static dev.meridian.ui.traces.TestSpans.log;
import static dev.meridian.ui.traces.TestSpans.span;
import static dev.meridian.ui.traces.TestSpans.withException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceModelTest {

    private static List<Integer> ids(List<SpanNode> nodes) {
        return nodes.stream().map(n -> (int) n.span().spanId().value()).toList();
    }

    private static SpanNode node(TraceModel model, int id) {
        return model.find(new SpanId(id)).orElseThrow();
    }

    @Test
    void of_nestsChildrenUnderParentsInStartOrder() {
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(1, 0, "web", "GET /", 0, 100),
                span(3, 1, "api", "late", 50, 90),
                span(2, 1, "api", "early", 10, 40),
                span(4, 2, "db", "select", 12, 30)), List.of());

        assertThat(ids(model.spans())).containsExactly(1, 2, 4, 3);
        assertThat(ids(node(model, 1).children())).containsExactly(2, 3);
        assertThat(model.spans()).extracting(SpanNode::depth).containsExactly(0, 1, 2, 1);
        assertThat(model.spans()).extracting(SpanNode::index).containsExactly(0, 1, 2, 3);
        assertThat(node(model, 1).descendantCount()).isEqualTo(3);
        assertThat(node(model, 2).descendantCount()).isEqualTo(1);
        assertThat(model.root().orElseThrow().span().name()).isEqualTo("GET /");
        assertThat(model.roots()).hasSize(1);
        assertThat(model.parentMissingCount()).isZero();
    }

    @Test
    void of_makesSpansWithMissingParentExtraRootsFlagged() {
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(1, 0, "web", "GET /", 0, 100),
                span(5, 99, "worker", "orphan", 20, 60),
                span(6, 5, "worker", "orphan child", 25, 30)), List.of());

        assertThat(ids(model.roots())).containsExactly(1, 5);
        assertThat(node(model, 5).parentMissing()).isTrue();
        assertThat(node(model, 5).depth()).isZero();
        assertThat(node(model, 6).depth()).isEqualTo(1);
        assertThat(node(model, 1).parentMissing()).isFalse();
        assertThat(model.root().orElseThrow().span().spanId()).isEqualTo(new SpanId(1));
        assertThat(model.parentMissingCount()).isEqualTo(1);
        assertThat(ids(model.spans())).containsExactly(1, 5, 6);
    }

    @Test
    void of_withoutRealRoot_namesTraceAfterEarliestOrphan() {
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(7, 98, "b", "second", 10, 20),
                span(6, 99, "a", "first", 0, 50)), List.of());

        assertThat(model.root().orElseThrow().span().name()).isEqualTo("first");
        assertThat(model.roots()).allMatch(SpanNode::parentMissing);
    }

    @Test
    void of_breaksParentCyclesInsteadOfLosingSpans() {
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(1, 0, "web", "root", 0, 100),
                span(2, 3, "x", "a", 10, 20),
                span(3, 2, "x", "b", 12, 18),
                span(4, 4, "x", "self", 30, 40)), List.of());

        assertThat(model.spanCount()).isEqualTo(4);
        assertThat(ids(model.spans())).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(node(model, 2).parentMissing()).isTrue();
        assertThat(ids(node(model, 2).children())).containsExactly(3);
        assertThat(node(model, 4).parentMissing()).isTrue();
    }

    @Test
    void of_handlesDeepChainsWithoutRecursion() {
        List<Span> chain = new ArrayList<>();
        for (int i = 1; i <= 20_000; i++) {
            chain.add(span(i, i - 1, "svc", "level " + i, i * 0.001, 100));
        }
        TraceModel model = TraceModel.of(TRACE, chain, List.of());

        assertThat(node(model, 20_000).depth()).isEqualTo(19_999);
        assertThat(node(model, 1).descendantCount()).isEqualTo(19_999);
        assertThat(model.spans()).allMatch(SpanNode::onCriticalPath);
    }

    @Test
    void of_placesSpansAsFractionsOfTraceDuration() {
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(1, 0, "web", "root", 0, 200),
                span(2, 1, "api", "child", 50, 100),
                span(3, 1, "api", "runs past the root", 150, 250)), List.of());

        assertThat(model.durationNanos()).isEqualTo(250_000_000L);
        assertThat(node(model, 1).offset()).isZero();
        assertThat(node(model, 1).width()).isCloseTo(0.8, within(1e-9));
        assertThat(node(model, 2).offset()).isCloseTo(0.2, within(1e-9));
        assertThat(node(model, 2).width()).isCloseTo(0.2, within(1e-9));
        assertThat(node(model, 3).offset() + node(model, 3).width()).isCloseTo(1.0, within(1e-9));
        assertThat(model.fractionOf(TestSpans.ms(125))).isCloseTo(0.5, within(1e-9));
        assertThat(model.fractionOf(TestSpans.ms(-5))).isZero();
    }

    @Test
    void of_zeroDurationTrace_hasZeroOffsetsAndWidths() {
        TraceModel model = TraceModel.of(TRACE, List.of(span(1, 0, "web", "instant", 5, 5)), List.of());

        assertThat(model.durationNanos()).isZero();
        assertThat(node(model, 1).offset()).isZero();
        assertThat(node(model, 1).width()).isZero();
    }

    @Test
    void of_emptyTrace_hasNoRoot() {
        TraceModel model = TraceModel.of(TRACE, List.of(), List.of(log(0, 0, "lonely")));

        assertThat(model.root()).isEmpty();
        assertThat(model.unattachedLogs()).hasSize(1);
    }

    @Test
    void of_assignsServiceColoursByFirstAppearance() {
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(3, 1, "db", "q", 20, 30),
                span(1, 0, "web", "root", 0, 100),
                span(2, 1, "api", "call", 10, 50),
                span(4, 2, "web", "callback", 40, 45)), List.of());

        assertThat(model.services()).containsExactly("web", "api", "db");
        assertThat(node(model, 1).colorIndex()).isZero();
        assertThat(node(model, 4).colorIndex()).isZero();
        assertThat(node(model, 2).colorIndex()).isEqualTo(1);
        assertThat(node(model, 3).colorIndex()).isEqualTo(2);
        assertThat(ServicePalette.color(ServicePalette.size())).isEqualTo(ServicePalette.color(0));
    }

    @Test
    void of_marksErrorsByStatusOrExceptionEvent() {
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(1, 0, "web", "root", 0, 100),
                error(2, 1, "api", 10, 20),
                withException(3, 1, "api", 30, 40)), List.of());

        assertThat(node(model, 1).error()).isFalse();
        assertThat(node(model, 2).error()).isTrue();
        assertThat(node(model, 3).error()).isTrue();
        assertThat(node(model, 3).exceptions()).hasSize(1);
        assertThat(model.errorCount()).isEqualTo(2);
    }

    @Test
    void of_attachesLogsToTheirSpanAndKeepsTheRestOnTheTrace() {
        LogRecord late = log(60, 2, "late");
        LogRecord early = log(15, 2, "early");
        LogRecord rootLog = log(1, 1, "root");
        LogRecord noSpan = log(30, 0, "no span");
        LogRecord unknownSpan = log(40, 77, "unknown span");
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(1, 0, "web", "root", 0, 100),
                span(2, 1, "api", "call", 10, 70)), List.of(late, early, rootLog, noSpan, unknownSpan));

        assertThat(model.logs()).containsExactly(rootLog, early, noSpan, unknownSpan, late);
        assertThat(node(model, 2).logs()).containsExactly(early, late);
        assertThat(node(model, 1).logs()).containsExactly(rootLog);
        assertThat(model.unattachedLogs()).containsExactly(noSpan, unknownSpan);
        assertThat(model.owner(early)).contains(node(model, 2));
        assertThat(model.owner(noSpan)).isEmpty();
    }

    @Test
    void of_keepsFirstOfDuplicateSpanIdsAsParent() {
        TraceModel model = TraceModel.of(TRACE, List.of(
                span(1, 0, "web", "root", 0, 100),
                span(2, 1, "api", "first", 10, 50),
                span(2, 1, "api", "duplicate", 20, 60),
                span(3, 2, "db", "q", 15, 20)), List.of());

        assertThat(model.spanCount()).isEqualTo(4);
        assertThat(node(model, 2).span().name()).isEqualTo("first");
        assertThat(ids(node(model, 2).children())).containsExactly(3);
    }
}
