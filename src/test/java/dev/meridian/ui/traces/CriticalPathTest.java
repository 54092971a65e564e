package dev.meridian.ui.traces;

import static dev.meridian.ui.traces.TestSpans.TRACE;
import static dev.meridian.ui.traces.TestSpans.ms;
import static dev.meridian.ui.traces.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

    private static TraceModel model(Span... spans) {
        return TraceModel.of(TRACE, List.of(spans), List.of());
    }

    private static SpanNode node(TraceModel model, int id) {
        return model.find(new SpanId(id)).orElseThrow();
    }

    private static SpanNode.Segment segment(double startMs, double endMs) {
        return new SpanNode.Segment(ms(startMs), ms(endMs));
    }

    @Test
    void mark_singleSpan_isWholeSpan() {
        TraceModel model = model(span(1, 0, "web", "root", 0, 100));

        assertThat(node(model, 1).onCriticalPath()).isTrue();
        assertThat(node(model, 1).criticalSegments()).containsExactly(segment(0, 100));
    }

    @Test
    void mark_parallelChildren_followsTheOneFinishingLast() {
        // root 0..100 calls a (10..80) and b (10..40) in parallel; a calls db (20..70)
        TraceModel model = model(
                span(1, 0, "web", "root", 0, 100),
                span(2, 1, "api", "a", 10, 80),
                span(3, 1, "api", "b", 10, 40),
                span(4, 2, "db", "db", 20, 70));

        assertThat(node(model, 1).onCriticalPath()).isTrue();
        assertThat(node(model, 2).onCriticalPath()).isTrue();
        assertThat(node(model, 4).onCriticalPath()).isTrue();
        assertThat(node(model, 3).onCriticalPath()).isFalse();
        assertThat(node(model, 1).criticalSegments()).containsExactly(segment(0, 10), segment(80, 100));
        assertThat(node(model, 2).criticalSegments()).containsExactly(segment(10, 20), segment(70, 80));
        assertThat(node(model, 4).criticalSegments()).containsExactly(segment(20, 70));
        assertThat(node(model, 3).criticalSegments()).isEmpty();
    }

    @Test
    void mark_sequentialChildren_areAllOnThePath() {
        // root 0..100 calls a (10..30), then b (30..60), then c (65..90)
        TraceModel model = model(
                span(1, 0, "web", "root", 0, 100),
                span(2, 1, "api", "a", 10, 30),
                span(3, 1, "api", "b", 30, 60),
                span(4, 1, "api", "c", 65, 90));

        assertThat(List.of(1, 2, 3, 4)).allMatch(id -> node(model, id).onCriticalPath());
        assertThat(node(model, 1).criticalSegments())
                .containsExactly(segment(0, 10), segment(60, 65), segment(90, 100));
        assertThat(node(model, 3).criticalSegments()).containsExactly(segment(30, 60));
    }

    @Test
    void mark_skipsChildOverlappingTheNextOnPath() {
        // c (50..90) is last; a (10..60) overlaps c's start, so the path goes c <- b (20..45)
        TraceModel model = model(
                span(1, 0, "web", "root", 0, 100),
                span(2, 1, "api", "a", 10, 60),
                span(3, 1, "api", "b", 20, 45),
                span(4, 1, "api", "c", 50, 90));

        assertThat(node(model, 4).onCriticalPath()).isTrue();
        assertThat(node(model, 3).onCriticalPath()).isTrue();
        assertThat(node(model, 2).onCriticalPath()).isFalse();
        assertThat(node(model, 1).criticalSegments())
                .containsExactly(segment(0, 20), segment(45, 50), segment(90, 100));
    }

    @Test
    void mark_clipsChildrenOutlivingTheirParent() {
        // an async child (50..300) outlives the root (0..100): only its part inside the root counts
        TraceModel model = model(
                span(1, 0, "web", "root", 0, 100),
                span(2, 1, "queue", "async", 50, 300),
                span(3, 1, "api", "outside", 150, 200));

        assertThat(node(model, 2).criticalSegments()).containsExactly(segment(50, 100));
        assertThat(node(model, 3).onCriticalPath()).isFalse();
        assertThat(node(model, 1).criticalSegments()).containsExactly(segment(0, 50));
    }

    @Test
    void mark_ignoresExtraRootsWithMissingParents() {
        TraceModel model = model(
                span(1, 0, "web", "root", 0, 100),
                span(5, 99, "worker", "orphan", 20, 60));

        assertThat(node(model, 5).onCriticalPath()).isFalse();
    }

    @Test
    void mark_zeroDurationChildrenAtTheSameInstant_terminate() {
        TraceModel model = model(
                span(1, 0, "web", "root", 0, 100),
                span(2, 1, "api", "x", 50, 50),
                span(3, 1, "api", "y", 50, 50),
                span(4, 1, "api", "z", 50, 100));

        assertThat(node(model, 4).onCriticalPath()).isTrue();
        assertThat(node(model, 1).criticalSegments()).containsExactly(segment(0, 50));
    }

    @Test
    void mark_wideTrace_isFast() {
        List<Span> spans = new ArrayList<>();
        spans.add(span(1, 0, "web", "root", 0, 10_000));
        for (int i = 2; i <= 5_000; i++) {
            spans.add(span(i, 1, "api", "call " + i, i, i + 1));
        }
        long start = System.nanoTime();
        TraceModel model = TraceModel.of(TRACE, spans, List.of());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(model.spans().stream().filter(SpanNode::onCriticalPath).count()).isEqualTo(5_000);
        assertThat(millis).isLessThan(2_000);
    }
}
