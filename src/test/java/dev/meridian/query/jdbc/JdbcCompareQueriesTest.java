package dev.meridian.query.jdbc;

import static dev.meridian.testing.Telemetry.MS;
import static dev.meridian.testing.Telemetry.T0_NANOS;
import static dev.meridian.testing.Telemetry.log;
import static dev.meridian.testing.Telemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.QueryLimits;
import dev.meridian.query.compare.CompareRequest;
import dev.meridian.query.compare.Comparison;
import dev.meridian.query.compare.PathComparison;
import dev.meridian.query.compare.TraceVsTypical;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cohorts read from an H2 file: entry spans only (an INTERNAL span of the same name is not a request), groups
 * sampled to the bound and saying so, the candidate bound making the answer partial, errors selected by status.
 * 200 traces over 10 minutes; every 10th is slow (300 ms, {@code pool=exhausted}) and every 20th failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcCompareQueriesTest {

    private static final TimeRange WINDOW = new TimeRange(T0_NANOS, T0_NANOS + 600_000 * MS);

    @TempDir
    static Path dir;
    TestStore store;
    JdbcServiceQueries services;

    @BeforeAll
    void write() {
        store = new TestStore(dir);
        services = new JdbcServiceQueries(store.dataSource, store.dictionaries, QueryLimits.DEFAULTS);
        List<Span> spans = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            TraceId id = new TraceId(1000 + i, 7);
            boolean slow = i % 10 == 0;
            boolean failed = i % 20 == 5;
            var entry = span("api", "GET /x").trace(id).id(1).startMs(i * 3_000L).durationMs(slow ? 300 : 20)
                    .attributes("pool", slow ? "exhausted" : "ok");
            if (failed) {
                entry.error("boom");
            }
            spans.add(entry.build());
            // an INTERNAL span with the operation's name that is always slow: not an entry span, never a request
            spans.add(span("api", "GET /x").trace(id).id(2).parent(1).kind(SpanKind.INTERNAL).startMs(i * 3_000L + 1)
                    .durationMs(slow ? 290 : 15).attributes("failed.step", failed ? "charge" : "none").build());
            logs.add(log("api", T0_NANOS + (i * 3_000L + 2) * MS, 9, slow ? "waited 280 ms for a connection" : "ok", id,
                    new SpanId(2)));
        }
        // "batch": 100 requests of 1..100 ms, each with an INTERNAL span of the operation's name taking 1 s
        for (int i = 0; i < 100; i++) {
            TraceId id = new TraceId(5000 + i, 9);
            spans.add(span("batch", "POST /job").trace(id).id(1).startMs(i * 5_000L).durationMs(i + 1)
                    .attributes("size", i >= 95 ? "huge" : "small").build());
            spans.add(span("batch", "POST /job").trace(id).id(2).parent(1).kind(SpanKind.INTERNAL)
                    .startMs(i * 5_000L).durationMs(1_000).build());
        }
        // "deep": 6 traces of a root and 29 steps, each step its own path; written latest first, so the first rows
        // read are the latest spans
        for (int t = 0; t < 6; t++) {
            TraceId id = new TraceId(9000 + t, 11);
            for (int i = 29; i >= 1; i--) {
                spans.add(span("deep", "step " + i).trace(id).id(i + 1).parent(1).kind(SpanKind.INTERNAL)
                        .startMs(t * 10_000L + i * 10).durationMs(5).build());
            }
            spans.add(span("deep", "GET /deep").trace(id).id(1).startMs(t * 10_000L).durationMs(400).build());
        }
        store.writer.write(new TelemetryBatch(spans, logs, List.of()));
    }

    @AfterAll
    void close() {
        store.close();
    }

    private JdbcCompareQueries compare(int sample, int maxCandidates) {
        return new JdbcCompareQueries(store.dataSource, store.dictionaries, services,
                QueryLimits.DEFAULTS.withMaxCandidates(maxCandidates), sample, JdbcCompareQueries.MAX_SPANS_PER_TRACE);
    }

    @Test
    void compare_selectsByTheEntrySpan_andFindsTheCause() {
        Comparison result = compare(1000, 10_000).compare(new CompareRequest("api", "GET /x", WINDOW, 100.0, false));

        assertThat(result.selectedCount()).isEqualTo(20);
        assertThat(result.baselineCount()).isEqualTo(180);
        assertThat(result.selectedTotal()).isEqualTo(20); // the INTERNAL spans of the same name are not requests
        assertThat(result.baselineTotal()).isEqualTo(180);
        assertThat(result.sampled()).isFalse();
        assertThat(result.partial()).isFalse();
        assertThat(result.findings().attributes().getFirst().value()).isEqualTo("exhausted");
        assertThat(result.findings().logs().getFirst().pattern()).isEqualTo("waited <num> ms for a connection");
    }

    @Test
    void compare_samplesEachGroupToItsBound_andSaysSo() {
        Comparison result = compare(10, 10_000).compare(new CompareRequest("api", "GET /x", WINDOW, 100.0, false));

        assertThat(result.sampled()).isTrue();
        assertThat(result.selectedCount()).isEqualTo(10);
        assertThat(result.baselineCount()).isEqualTo(10);
        assertThat(result.findings().attributes().getFirst().value()).isEqualTo("exhausted");
        // the same data, the same sample
        assertThat(compare(10, 10_000).compare(new CompareRequest("api", "GET /x", WINDOW, 100.0, false)))
                .isEqualTo(result);
    }

    @Test
    void compare_stopsAtTheCandidateBound_andSaysPartial() {
        Comparison result = compare(1000, 50).compare(new CompareRequest("api", "GET /x", WINDOW, 100.0, false));

        assertThat(result.partial()).isTrue();
        // 50 candidates read, of which the entry spans (half: the others are INTERNAL spans of the same name)
        assertThat(result.selectedTotal() + result.baselineTotal()).isEqualTo(25);
    }

    @Test
    void compare_failedTraces_againstTheOthers() {
        Comparison result = compare(1000, 10_000).compare(new CompareRequest("api", null, WINDOW, null, true));

        assertThat(result.selection()).isEqualTo("failed (status error)");
        assertThat(result.selectedCount()).isEqualTo(10);
        assertThat(result.findings().attributes().getFirst().key()).isEqualTo("failed.step");
        assertThat(result.findings().attributes().getFirst().value()).isEqualTo("charge");
    }

    @Test
    void compare_withoutASelection_takesTheP95OfTheRequests_notOfInternalSpansNamedLikeTheOperation() {
        Comparison result = compare(1000, 10_000).compare(new CompareRequest("batch", "POST /job", WINDOW, null, false));

        // p95 of 1..100 ms within the histogram's precision; over every candidate it would be 1 s and select nothing
        assertThat(result.minDurationMs()).isBetween(94.0, 96.0);
        assertThat(result.selectedTotal()).isBetween(5L, 6L);
        assertThat(result.baselineTotal()).isEqualTo(100 - result.selectedTotal());
        assertThat(result.selection()).startsWith("slowest 5 %");
        assertThat(result.findings().attributes().getFirst().value()).isEqualTo("huge");

        Comparison service = compare(1000, 10_000).compare(new CompareRequest("batch", null, WINDOW, null, false));
        assertThat(service.minDurationMs()).isEqualTo(result.minDurationMs());
        assertThat(service.selectedTotal()).isEqualTo(result.selectedTotal());
    }

    @Test
    void typical_readsTheSameBoundOfEarliestSpansOnBothSides_andSaysPartial() {
        JdbcCompareQueries compare = new JdbcCompareQueries(store.dataSource, store.dictionaries, services,
                QueryLimits.DEFAULTS, 1000, 20);
        TraceVsTypical result = compare.typical(new TraceId(9000, 11), 50).orElseThrow();

        assertThat(result.typicalCount()).isEqualTo(5);
        assertThat(result.partial()).isTrue();
        // the root and the 19 earliest steps, here as in every typical trace: a bound makes nothing extra or missing
        assertThat(result.paths()).hasSize(20).allMatch(p -> p.status() == PathComparison.Status.COMMON);
        assertThat(result.paths()).extracting(PathComparison.PathRow::name).contains("GET /deep", "step 1", "step 19")
                .doesNotContain("step 20");

        Comparison cut = new JdbcCompareQueries(store.dataSource, store.dictionaries, services, QueryLimits.DEFAULTS,
                1000, 20).compare(new CompareRequest("deep", "GET /deep", WINDOW, 100.0, false));
        assertThat(cut.partial()).isTrue();
        assertThat(compare(1000, 10_000).typical(new TraceId(9000, 11), 50).orElseThrow().partial()).isFalse();
    }

    @Test
    void sampling_isUniformAndKeepsOrder() {
        List<Integer> items = java.util.stream.IntStream.range(0, 1000).boxed().toList();
        List<Integer> sample = Sampling.uniform(items, 100, 1);
        assertThat(sample).hasSize(100).isSorted().doesNotHaveDuplicates();
        assertThat(sample.stream().filter(i -> i < 500).count()).isBetween(30L, 70L);
        assertThat(Sampling.uniform(items, 2000, 1)).isSameAs(items);
        assertThat(Sampling.percentileNanos(new long[] {5, 1, 4, 2, 3}, 0.95)).isEqualTo(5);
        assertThat(Sampling.percentileNanos(new long[0], 0.95)).isZero();
    }
}
