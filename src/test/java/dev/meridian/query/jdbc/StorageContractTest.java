package dev.meridian.query.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.meridian.query.LogSearch;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.query.MetricQuery;
import dev.meridian.query.MetricSeries;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.AggregationTemporality;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.storage.rollup.RollupCompactor;
import dev.meridian.storage.rollup.RollupLevel;
import dev.meridian.storage.rollup.RollupPlan;
import dev.meridian.storage.rollup.RollupSettings;
import dev.meridian.storage.rollup.RollupWatermarks;
import dev.meridian.storage.rollup.Watermarks;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract: what is written through the writer reads back through the query interfaces.
 * Fixture: two services over ten minutes after T0; see {@link #fixture()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageContractTest {

    static final TimeRange WINDOW = new TimeRange(T0_NANOS, T0_NANOS + 10 * 60_000 * MS);
    static final TraceId SLOW = new TraceId(0x10, 1);
    static final TraceId FAILED = new TraceId(0x20, 2);
    static final TraceId FAST = new TraceId(0x30, 3);
    static final TraceId LATE = new TraceId(0x40, 4);
    static final TraceId ORPHAN = new TraceId(0x50, 5);

    @TempDir
    static Path dir;
    TestStore store;
    JdbcTraceQueries traces;
    JdbcLogQueries logs;
    JdbcMetricQueries metrics;
    JdbcServiceQueries services;
    JdbcServiceMapQueries serviceMap;

    /** The store under test: an H2 file here; subclasses run the same contract on other databases. */
    TestStore openStore() {
        return new TestStore(dir);
    }

    @BeforeAll
    void writeFixture() {
        store = openStore();
        traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED);
        logs = new JdbcLogQueries(store.dataSource, store.dictionaries);
        metrics = new JdbcMetricQueries(store.dataSource, store.dictionaries);
        services = new JdbcServiceQueries(store.dataSource, store.dictionaries);
        serviceMap = new JdbcServiceMapQueries(store.dataSource, store.dictionaries, services, dev.meridian.query.QueryLimits.DEFAULTS);
        fixture().forEach(store.writer::write);
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    static List<TelemetryBatch> fixture() {
        List<Span> spans = List.of(
                // SLOW: frontend root 900 ms -> checkout SERVER 800 ms -> db CLIENT
                span("frontend", "GET /checkout").trace(SLOW).id(1).startMs(1000).durationMs(900)
                        .attributes("http.route", "/checkout", "http.response.status_code", 200L).build(),
                span("checkout", "POST /pay").trace(SLOW).id(2).parent(1).startMs(1050).durationMs(800)
                        .attributes("order.id", "o-42", "http.response.status_code", 200L, "tier", "gold")
                        .events(new SpanEvent(T0_NANOS + 1100 * MS, "retry", attrs("attempt", 2L), 0))
                        .links(new SpanLink(FAST, new SpanId(9), "", Attributes.EMPTY, 0, 0)).build(),
                span("checkout", "SELECT orders").trace(SLOW).id(3).parent(2).kind(SpanKind.CLIENT).startMs(1100)
                        .durationMs(700).attributes("db.system", "h2").build(),
                // FAILED: frontend root 300 ms with a failing checkout call
                span("frontend", "GET /checkout").trace(FAILED).id(1).startMs(2000).durationMs(300)
                        .attributes("http.route", "/checkout", "http.response.status_code", 502L).error("upstream").build(),
                span("checkout", "POST /pay").trace(FAILED).id(2).parent(1).startMs(2010).durationMs(250)
                        .attributes("order.id", "o-43", "http.response.status_code", 500L, "tier", "silver").error("boom").build(),
                // FAST: 20 ms, 4xx
                span("frontend", "GET /cart").trace(FAST).id(1).startMs(3000).durationMs(20)
                        .attributes("http.route", "/cart", "http.response.status_code", 404L).build(),
                // LATE: 9 minutes in, 100 ms
                span("frontend", "GET /cart").trace(LATE).id(1).startMs(9 * 60_000).durationMs(100)
                        .attributes("http.route", "/cart", "http.response.status_code", 200L).build(),
                // ORPHAN: root missing, one child
                span("checkout", "POST /pay").trace(ORPHAN).id(7).parent(6).startMs(4000).durationMs(50)
                        .attributes("order.id", "o-44", "tier", "gold").build());
        List<LogRecord> logRecords = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            logRecords.add(log("checkout", T0_NANOS + (5000 + i * 1000L) * MS, i % 3 == 0 ? 17 : 9, "tick " + i + " 100%_done",
                    TraceId.INVALID, SpanId.NONE));
        }
        logRecords.add(log("checkout", T0_NANOS + 1200 * MS, 17, "payment failed for o-42", SLOW, new SpanId(2)));
        logRecords.add(log("frontend", T0_NANOS + 1010 * MS, 9, "rendering checkout", SLOW, new SpanId(1)));
        return List.of(TelemetryBatch.ofSpans(spans.subList(0, 4)), TelemetryBatch.ofSpans(spans.subList(4, spans.size())),
                TelemetryBatch.ofLogs(logRecords), TelemetryBatch.ofMetricPoints(metricPoints()));
    }

    static List<dev.meridian.telemetry.MetricPoint> metricPoints() {
        List<dev.meridian.telemetry.MetricPoint> points = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            long t = T0_NANOS + minute * 60_000 * MS + 30_000 * MS;
            points.add(gauge("checkout", "jvm.memory.used", t, 100 + minute, attrs("pool", "heap")));
            points.add(gauge("checkout", "jvm.memory.used", t, 10, attrs("pool", "metaspace")));
            points.add(counter("checkout", "http.requests", T0_NANOS, t, 60.0 * (minute + 1), attrs("route", "/pay")));
            points.add(histogram("checkout", "http.server.duration", T0_NANOS, t, new double[]{10, 100, 1000},
                    new long[]{10L * (minute + 1), 80L * (minute + 1), 10L * (minute + 1), 0}, AggregationTemporality.CUMULATIVE));
        }
        return points;
    }

    static TraceSearch search() {
        return new TraceSearch(null, null, null, null, null, List.of(), WINDOW, 20, TraceSearch.Sort.DURATION);
    }

    static List<String> ids(List<TraceSummary> summaries) {
        return summaries.stream().map(TraceSummary::traceId).toList();
    }

    @Nested
    class TraceSearches {

        @Test
        void search_byDuration_returnsSlowestFirstWithWholeTraceSummaries() {
            List<TraceSummary> found = traces.search(search());

            assertThat(ids(found)).containsExactly(SLOW.toHex(), FAILED.toHex(), LATE.toHex(), ORPHAN.toHex(), FAST.toHex());
            TraceSummary slow = found.getFirst();
            assertThat(slow.rootService()).isEqualTo("frontend");
            assertThat(slow.rootName()).isEqualTo("GET /checkout");
            assertThat(slow.durationMs()).isEqualTo(900.0);
            assertThat(slow.spanCount()).isEqualTo(3);
            assertThat(slow.startTime()).isEqualTo(T0.plusMillis(1000));
            assertThat(found.get(1).errorCount()).isEqualTo(2);
        }

        @Test
        void search_byTime_returnsNewestFirst() {
            TraceSearch byTime = new TraceSearch(null, null, null, null, null, List.of(), WINDOW, 20, TraceSearch.Sort.TIME);
            assertThat(ids(traces.search(byTime))).containsExactly(LATE.toHex(), ORPHAN.toHex(), FAST.toHex(),
                    FAILED.toHex(), SLOW.toHex());
        }

        @Test
        void search_byErrors_putsFailedTracesFirst() {
            TraceSearch byErrors = new TraceSearch(null, null, null, null, null, List.of(), WINDOW, 20, TraceSearch.Sort.ERRORS);
            assertThat(ids(traces.search(byErrors)).getFirst()).isEqualTo(FAILED.toHex());
        }

        @Test
        void search_withServiceAndOperation_matchesSpansOfThatServiceOnly() {
            TraceSearch pay = new TraceSearch("checkout", "POST /pay", null, null, null, List.of(), WINDOW, 20, TraceSearch.Sort.DURATION);
            assertThat(ids(traces.search(pay))).containsExactly(SLOW.toHex(), FAILED.toHex(), ORPHAN.toHex());
        }

        @Test
        void search_orphanTrace_usesEarliestSpanAndFirstToLastDuration() {
            TraceSearch pay = new TraceSearch("checkout", null, null, 60.0, null, List.of(), WINDOW, 20, TraceSearch.Sort.DURATION);
            TraceSummary orphan = traces.search(pay).getLast();
            assertThat(orphan.traceId()).isEqualTo(ORPHAN.toHex());
            assertThat(orphan.rootName()).isEqualTo("POST /pay");
            assertThat(orphan.durationMs()).isEqualTo(50.0);
        }

        @Test
        void search_withDurationBoundsAndStatus_filtersOnTheMatchingSpan() {
            TraceSearch mid = new TraceSearch(null, null, 100.0, 800.0, null, List.of(), WINDOW, 20, TraceSearch.Sort.DURATION);
            assertThat(ids(traces.search(mid))).containsExactly(SLOW.toHex(), FAILED.toHex(), LATE.toHex());
            TraceSearch errors = new TraceSearch(null, null, null, null, TraceSearch.Status.ERROR, List.of(), WINDOW, 20,
                    TraceSearch.Sort.DURATION);
            assertThat(ids(traces.search(errors))).containsExactly(FAILED.toHex());
            TraceSearch ok = new TraceSearch("checkout", null, null, null, TraceSearch.Status.OK, List.of(), WINDOW, 20,
                    TraceSearch.Sort.DURATION);
            assertThat(ids(traces.search(ok))).containsExactly(SLOW.toHex(), ORPHAN.toHex());
        }

        @Test
        void search_withIndexedAttribute_usesTheSideIndex() {
            TraceSearch order = new TraceSearch(null, null, null, null, null,
                    List.of(TraceSearch.AttributeFilter.parse("order.id=o-43")), WINDOW, 20, TraceSearch.Sort.DURATION);
            assertThat(ids(traces.search(order))).containsExactly(FAILED.toHex());
        }

        @Test
        void search_withSeveralAttributes_requiresAllOnTheSameSpan() {
            TraceSearch both = new TraceSearch(null, null, null, null, null,
                    List.of(TraceSearch.AttributeFilter.parse("tier=gold"), TraceSearch.AttributeFilter.parse("order.id=o-44")),
                    WINDOW, 20, TraceSearch.Sort.DURATION);
            assertThat(ids(traces.search(both))).containsExactly(ORPHAN.toHex());
            TraceSearch notIndexed = new TraceSearch("checkout", null, null, null, null,
                    List.of(TraceSearch.AttributeFilter.parse("tier=gold")), WINDOW, 20, TraceSearch.Sort.DURATION);
            assertThat(ids(traces.search(notIndexed))).containsExactly(SLOW.toHex(), ORPHAN.toHex());
            TraceSearch mixed = new TraceSearch(null, null, null, null, null,
                    List.of(TraceSearch.AttributeFilter.parse("tier=gold"), TraceSearch.AttributeFilter.parse("http.route=/cart")),
                    WINDOW, 20, TraceSearch.Sort.DURATION);
            assertThat(traces.search(mixed)).isEmpty();
        }

        @Test
        void search_respectsWindowAndLimit() {
            TraceSearch firstMinute = new TraceSearch(null, null, null, null, null, List.of(),
                    new TimeRange(T0_NANOS, T0_NANOS + 60_000 * MS), 2, TraceSearch.Sort.TIME);
            assertThat(ids(traces.search(firstMinute))).containsExactly(ORPHAN.toHex(), FAST.toHex());
        }

        @Test
        void search_unknownServiceOrOperation_findsNothing() {
            assertThat(traces.search(new TraceSearch("nope", null, null, null, null, List.of(), WINDOW, 20, null))).isEmpty();
            assertThat(traces.search(new TraceSearch(null, "nope", null, null, null, List.of(), WINDOW, 20, null))).isEmpty();
        }
    }

    @Nested
    class TraceDetail {

        @Test
        void trace_returnsEverySpanInStartOrderWithDetailAndLogs() {
            TraceQueries.Trace trace = traces.trace(SLOW).orElseThrow();

            assertThat(trace.spans()).extracting(Span::name).containsExactly("GET /checkout", "POST /pay", "SELECT orders");
            Span pay = trace.spans().get(1);
            assertThat(pay.serviceName()).isEqualTo("checkout");
            assertThat(pay.resource().attributes().getString("host.name")).isEqualTo("host-1");
            assertThat(pay.parentSpanId()).isEqualTo(new SpanId(1));
            assertThat(pay.attributes().get("http.response.status_code")).isEqualTo(200L);
            assertThat(pay.attributes().getString("order.id")).isEqualTo("o-42");
            assertThat(pay.events()).singleElement().satisfies(e -> {
                assertThat(e.name()).isEqualTo("retry");
                assertThat(e.timeNanos()).isEqualTo(T0_NANOS + 1100 * MS);
                assertThat(e.attributes().get("attempt")).isEqualTo(2L);
            });
            assertThat(pay.links()).singleElement().satisfies(l -> assertThat(l.traceId()).isEqualTo(FAST));
            assertThat(pay.scope().name()).isEqualTo("io.test");
            assertThat(pay.durationNanos()).isEqualTo(800 * MS);
            assertThat(trace.logs()).extracting(LogRecord::body).containsExactly("rendering checkout", "payment failed for o-42");
        }

        @Test
        void trace_unknownId_isEmpty() {
            assertThat(traces.trace(new TraceId(0x10, 99))).isEmpty();
        }
    }

    @Nested
    class Logs {

        LogSearch search(String service, Integer severity, String text, TraceId traceId, int limit, Long before) {
            return new LogSearch(service, severity, text, traceId, null, WINDOW, limit, before);
        }

        @Test
        void search_returnsNewestFirstAndPagesBackwards() {
            List<LogRecord> first = logs.search(search("checkout", null, null, null, 10, null));
            assertThat(first).extracting(LogRecord::body).startsWith("tick 29 100%_done", "tick 28 100%_done");
            assertThat(first).hasSize(10);
            List<LogRecord> second = logs.search(search("checkout", null, null, null, 10, first.getLast().effectiveTimeNanos()));
            assertThat(second.getFirst().body()).isEqualTo("tick 19 100%_done");
        }

        @Test
        void search_filtersBySeverityTextAndTrace() {
            assertThat(logs.search(search(null, 17, null, null, 100, null))).hasSize(11);
            assertThat(logs.search(search(null, null, "PAYMENT", null, 100, null))).extracting(LogRecord::body)
                    .containsExactly("payment failed for o-42");
            assertThat(logs.search(search(null, null, "0%_", null, 100, null))).hasSize(30);
            assertThat(logs.search(search(null, null, "%", null, 100, null))).hasSize(30);
            assertThat(logs.search(search(null, null, null, SLOW, 100, null))).extracting(LogRecord::serviceName)
                    .containsExactly("checkout", "frontend");
            assertThat(logs.search(new LogSearch(null, null, null, SLOW, new SpanId(1), WINDOW, 10, null))).hasSize(1);
        }

        @Test
        void search_withoutService_scansTheWindow() {
            assertThat(logs.search(search(null, null, null, null, 1000, null))).hasSize(32);
        }
    }

    @Nested
    class Metrics {

        @Test
        void metrics_listsTheServicesMetricsByName() {
            assertThat(metrics.metrics("checkout")).extracting(MetricDescriptor::name)
                    .containsExactly("http.requests", "http.server.duration", "jvm.memory.used");
            assertThat(metrics.metrics("frontend")).isEmpty();
            assertThat(metrics.metrics(null).getLast().type()).isEqualTo(MetricType.GAUGE);
        }

        MetricQuery query(String name, MetricAggregation agg, Map<String, String> filters, List<String> groupBy) {
            return new MetricQuery(name, "checkout", agg, filters, groupBy, WINDOW, Duration.ofMinutes(1));
        }

        @Test
        void series_groupsByAttributeAndAggregates() {
            List<MetricSeries> byPool = metrics.series(query("jvm.memory.used", MetricAggregation.LAST, Map.of(), List.of("pool")));
            assertThat(byPool).extracting(MetricSeries::group).containsExactly(Map.of("pool", "heap"), Map.of("pool", "metaspace"));
            assertThat(byPool.getFirst().values()).hasSize(10).startsWith(100, 101, 102);
            assertThat(byPool.getFirst().buckets().getFirst()).isEqualTo(T0);

            List<MetricSeries> all = metrics.series(query("jvm.memory.used", MetricAggregation.LAST, Map.of(), List.of()));
            assertThat(all).singleElement().satisfies(s -> assertThat(s.values()[0]).isEqualTo(110));
            List<MetricSeries> max = metrics.series(query("jvm.memory.used", MetricAggregation.MAX, Map.of("pool", "heap"), List.of()));
            assertThat(max.getFirst().values()[9]).isEqualTo(109);
        }

        @Test
        void series_rateOfCumulativeCounter_isPerSecondIncrease() {
            List<MetricSeries> rate = metrics.series(query("http.requests", MetricAggregation.RATE, Map.of(), List.of()));
            assertThat(rate.getFirst().values()).containsOnly(1.0);
        }

        @Test
        void series_histogramPercentiles_comeFromBucketIncreases() {
            MetricSeries p50 = metrics.series(query("http.server.duration", MetricAggregation.P50, Map.of(), List.of())).getFirst();
            // each minute adds 10 in (0,10], 80 in (10,100], 10 in (100,1000]: the median is at 40/80 of (10,100]
            assertThat(p50.values()[3]).isEqualTo(55.0);
            MetricSeries count = metrics.series(query("http.server.duration", MetricAggregation.COUNT, Map.of(), List.of())).getFirst();
            assertThat(count.values()[5]).isEqualTo(100.0);
        }

        @Test
        void series_aggregationOfTheWrongType_isRejected() {
            assertThatThrownBy(() -> metrics.series(query("jvm.memory.used", MetricAggregation.P99, Map.of(), List.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P99");
        }
    }

    @Nested
    class Services {

        @Test
        void services_fromRollups() {
            List<ServiceSummary> all = services.services(WINDOW);
            assertThat(all).extracting(ServiceSummary::name).containsExactly("checkout", "frontend");
            ServiceSummary checkout = all.getFirst();
            assertThat(checkout.spanCount()).isEqualTo(4);
            assertThat(checkout.requestCount()).isEqualTo(3); // the three SERVER spans; the CLIENT span is not a request
            assertThat(checkout.errorCount()).isEqualTo(1);
            assertThat(checkout.p99Ms()).isCloseTo(800, org.assertj.core.data.Percentage.withPercentage(1));
            ServiceSummary frontend = all.getLast();
            assertThat(frontend.requestCount()).isEqualTo(4);
            assertThat(frontend.errorRate()).isEqualTo(0.25);
        }

        @Test
        void serviceMap_nodesFromRedRollups_edgesFromCallsPairedAtIngest() {
            dev.meridian.query.ServiceMap map = serviceMap.serviceMap(WINDOW);

            assertThat(map.nodes()).extracting(dev.meridian.query.ServiceMap.Node::name).containsExactly("checkout", "frontend");
            assertThat(map.nodes().getLast().requestCount()).isEqualTo(4);
            // checkout's SERVER spans are children of frontend's SERVER spans (no client span): the callee's timing;
            // the orphan's parent never arrived, and checkout's CLIENT span has no callee
            assertThat(map.edges()).singleElement().satisfies(edge -> {
                assertThat(edge.source()).isEqualTo("frontend");
                assertThat(edge.target()).isEqualTo("checkout");
                assertThat(edge.requestCount()).isEqualTo(2);
                assertThat(edge.errorCount()).isEqualTo(1);
                assertThat(edge.p95Ms()).isCloseTo(800, org.assertj.core.data.Percentage.withPercentage(1));
            });
            assertThat(serviceMap.serviceMap(new TimeRange(WINDOW.endNanos(), WINDOW.endNanos() + 60_000 * MS)).edges()).isEmpty();
        }

        @Test
        void traceSearch_calls_findsTracesThroughTheCall() {
            List<TraceSummary> through = traces.search(new TraceSearch("frontend", null, null, null, null, List.of(), WINDOW,
                    20, TraceSearch.Sort.DURATION, "checkout"));
            List<TraceSummary> anyCaller = traces.search(new TraceSearch(null, null, null, null, null, List.of(), WINDOW,
                    20, TraceSearch.Sort.TIME, "checkout"));
            List<TraceSummary> reversed = traces.search(new TraceSearch("checkout", null, null, null, null, List.of(), WINDOW,
                    20, TraceSearch.Sort.DURATION, "frontend"));

            assertThat(through).extracting(TraceSummary::traceId).containsExactly(SLOW.toHex(), FAILED.toHex());
            assertThat(anyCaller).extracting(TraceSummary::traceId).containsExactly(FAILED.toHex(), SLOW.toHex());
            assertThat(reversed).isEmpty();
        }

        @Test
        void operations_ofService() {
            List<OperationSummary> ops = services.operations("frontend", WINDOW);
            assertThat(ops).extracting(OperationSummary::name).containsExactly("GET /cart", "GET /checkout");
            assertThat(ops.getFirst().requestCount()).isEqualTo(2);
            assertThat(services.operations("nope", WINDOW)).isEmpty();
        }

        @Test
        void series_fillsEmptyBuckets() {
            List<RedPoint> points = services.series("frontend", null, WINDOW, Duration.ofMinutes(1));
            assertThat(points).hasSize(10);
            assertThat(points.getFirst().requestCount()).isEqualTo(3);
            assertThat(points.get(1).requestCount()).isZero();
            assertThat(points.get(1).p50Ms()).isNaN();
            assertThat(points.get(9).requestCount()).isEqualTo(1);
            assertThat(services.series("frontend", "GET /cart", WINDOW, Duration.ofMinutes(5)))
                    .extracting(RedPoint::requestCount).containsExactly(1L, 1L);
        }

        @Test
        void statusClasses_splitByHttpStatus() {
            List<StatusClassPoint> points = services.statusClasses("frontend", null, WINDOW, Duration.ofMinutes(10));
            assertThat(points).singleElement().satisfies(p -> {
                assertThat(p.ok()).isEqualTo(2);
                assertThat(p.clientErrors()).isEqualTo(1);
                assertThat(p.serverErrors()).isEqualTo(1);
            });
        }
    }

    /**
     * The options of an attribute variable come from the resources dictionary, most recently used first and
     * never-stamped rows ({@code last_seen_ns} NULL) last on every database: PostgreSQL puts NULLs first in a
     * DESC order unless told. Leaves every row's {@code last_seen_ns} as it found it.
     */
    @Nested
    class ResourceAttributeValuesOrder {

        @Test
        void unstampedResources_comeLast_soABoundKeepsTheRecentlyUsedOnes() {
            var jdbc = new org.springframework.jdbc.core.JdbcTemplate(store.dataSource);
            List<Map<String, Object>> before = jdbc.queryForList("SELECT resource_id, last_seen_ns FROM resources");
            long kept = before.stream().mapToLong(r -> ((Number) r.get("resource_id")).longValue()).max().orElseThrow();
            String keptService = dev.meridian.storage.jdbc.DetailCodec.decodeResource(jdbc.queryForObject(
                    "SELECT detail FROM resources WHERE resource_id = ?", byte[].class, kept)).attributes().getString("service.name");
            try {
                jdbc.update("UPDATE resources SET last_seen_ns = NULL WHERE resource_id <> ?", kept);

                var one = new JdbcResourceAttributeValues(store.dataSource, dev.meridian.query.QueryLimits.DEFAULTS, 1);
                var all = new JdbcResourceAttributeValues(store.dataSource, dev.meridian.query.QueryLimits.DEFAULTS);

                assertThat(before).hasSizeGreaterThan(1);
                assertThat(one.values("service.name", WINDOW, 10)).containsExactly(keptService);
                assertThat(all.values("service.name", WINDOW, 10)).hasSizeGreaterThan(1).contains(keptService);
            } finally {
                before.forEach(r -> jdbc.update("UPDATE resources SET last_seen_ns = ? WHERE resource_id = ?",
                        r.get("last_seen_ns"), r.get("resource_id")));
            }
        }
    }

    /**
     * The coarse rollup levels (storage.rollup): compaction never changes what the RED queries answer, a
     * re-run or a crash mid-run changes nothing, late spans within the recheck window reach the coarse
     * cells, and long windows read few cells. Own data: three services over six hours of the next day,
     * outside the window of every other case.
     */
    @Nested
    class RollupLevels {

        static final long HOUR_NANOS = 3_600_000 * MS;
        static final long FROM = T0_NANOS + 24 * HOUR_NANOS + 7 * 60_000 * MS; // 10:07 the next day
        static final TimeRange RANGE = new TimeRange(FROM, FROM + 6 * HOUR_NANOS);
        static final List<String> SERVICES = List.of("rollup-a", "rollup-b", "rollup-c");
        /** An hour after RANGE: every bucket of it is complete, the last hour is within the recheck window. */
        static final Clock AFTER = Clock.fixed(Instant.ofEpochSecond(0, RANGE.endNanos() + HOUR_NANOS), ZoneOffset.UTC);

        RollupCompactor compactor(RollupSettings settings) {
            return new RollupCompactor(store.dataSource, store.dialect, AFTER, settings);
        }

        /** Every answer of the RED queries over RANGE and a day around it. */
        List<Object> answers() {
            List<Object> answers = new ArrayList<>();
            TimeRange day = new TimeRange(FROM - 12 * HOUR_NANOS, FROM + 12 * HOUR_NANOS);
            answers.add(services.services(RANGE));
            answers.add(services.services(day));
            answers.add(serviceMap.serviceMap(RANGE));
            answers.add(serviceMap.serviceMap(day));
            for (String service : SERVICES) {
                answers.add(services.operations(service, RANGE));
                for (Duration step : java.util.Arrays.asList(null, Duration.ofMinutes(1), Duration.ofMinutes(10),
                        Duration.ofMinutes(30), Duration.ofHours(1))) {
                    answers.add(services.series(service, null, RANGE, step));
                }
                answers.add(services.series(service, "GET /a", day, null));
                answers.add(services.statusClasses(service, null, RANGE, Duration.ofMinutes(30)));
            }
            return answers;
        }

        /** Every coarse row, histograms as bytes. */
        List<String> coarseRows() {
            List<String> rows = new ArrayList<>();
            for (RollupLevel level : List.of(RollupLevel.TEN_MINUTES, RollupLevel.HOUR)) {
                rows.addAll(new org.springframework.jdbc.core.JdbcTemplate(store.dataSource).query(
                        "SELECT service_id, bucket_minute, operation_id, kind, request_count, error_count, duration_sum_ns,"
                                + " status_ok, status_4xx, status_5xx, histogram FROM " + level.redTable()
                                + " ORDER BY service_id, bucket_minute, operation_id, kind",
                        (rs, i) -> level + " " + rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4)
                                + " " + rs.getLong(5) + " " + rs.getLong(6) + " " + rs.getLong(7) + " " + rs.getLong(8) + " "
                                + rs.getLong(9) + " " + rs.getLong(10) + " " + java.util.HexFormat.of().formatHex(rs.getBytes(11))));
                rows.addAll(new org.springframework.jdbc.core.JdbcTemplate(store.dataSource).query(
                        "SELECT source_service_id, target_service_id, bucket_minute, call_count, error_count, histogram FROM "
                                + level.edgeTable() + " ORDER BY source_service_id, target_service_id, bucket_minute",
                        (rs, i) -> level + " edge " + rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + " "
                                + rs.getLong(4) + " " + rs.getLong(5) + " " + java.util.HexFormat.of().formatHex(rs.getBytes(6))));
                rows.addAll(new org.springframework.jdbc.core.JdbcTemplate(store.dataSource).query(
                        "SELECT service_id, bucket_minute, span_count, request_count, error_count, histogram FROM "
                                + level.serviceTable() + " ORDER BY service_id, bucket_minute",
                        (rs, i) -> level + " " + rs.getLong(1) + "/" + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4)
                                + " " + rs.getLong(5) + " " + java.util.HexFormat.of().formatHex(rs.getBytes(6))));
            }
            return rows;
        }

        /** Forgets every watermark (readers fall back to minute rows), then compacts everything again. */
        Watermarks rebuildAll() {
            forgetWatermarks();
            return compactor(RollupSettings.defaults()).compact();
        }

        void forgetWatermarks() {
            new org.springframework.jdbc.core.JdbcTemplate(store.dataSource).update("DELETE FROM rollup_watermarks");
        }

        void writeOnce() {
            if (rollupDataWritten) {
                return;
            }
            rollupDataWritten = true;
            java.util.SplittableRandom random = new java.util.SplittableRandom(5);
            List<Span> batch = new ArrayList<>();
            for (int s = 0; s < SERVICES.size(); s++) {
                for (int i = 0; i < 6 * 180; i++) { // a request every 20 s, a client call every fifth
                    long start = FROM + i * 20_000 * MS + random.nextLong(20_000 * MS);
                    double ms = Math.exp(Math.log(30 + 20 * s) + RollupPercentileTest.gaussian(random));
                    long status = i % 13 == 0 ? 503 : i % 7 == 0 ? 404 : 200;
                    var span = span(SERVICES.get(s), i % 2 == 0 ? "GET /a" : "POST /b").trace(0x900 + s, i + 1).id(1)
                            .start(start).durationMs(ms).attributes("http.response.status_code", status)
                            .kind(i % 5 == 0 ? SpanKind.CLIENT : SpanKind.SERVER).parent(i % 5 == 0 ? 9 : 0);
                    batch.add(status == 503 ? span.error("unavailable").build() : span.build());
                    if (i % 5 == 0) { // the client call's callee, in the next service
                        batch.add(span(SERVICES.get((s + 1) % SERVICES.size()), "POST /b").trace(0x900 + s, i + 1).id(2)
                                .parent(1).start(start + MS).durationMs(ms / 2).build());
                    }
                    if (batch.size() >= 500) {
                        store.writer.write(TelemetryBatch.ofSpans(batch));
                        batch = new ArrayList<>();
                    }
                }
            }
            store.writer.write(TelemetryBatch.ofSpans(batch));
        }

        @Test
        void compact_keepsEveryAnswerAndMakesLongWindowsReadCoarseCells() {
            writeOnce();
            forgetWatermarks();
            List<Object> minuteAnswers = answers();
            assertThat(services.windowPlan(RANGE).coarsest()).isEqualTo(RollupLevel.MINUTE);

            Watermarks watermarks = compactor(RollupSettings.defaults()).compact();

            // histogram merges are lossless, so not only counts but percentiles are identical
            assertThat(answers()).isEqualTo(minuteAnswers);
            assertThat(serviceMap.serviceMap(RANGE).edges()).hasSize(3)
                    .allSatisfy(edge -> assertThat(edge.requestCount()).isEqualTo(6 * 180 / 5));
            assertThat(watermarks.tenMinutes()).isEqualTo(RollupLevel.TEN_MINUTES.floor(
                    Math.floorDiv(AFTER.millis(), 60_000) - 5));
            assertThat(watermarks.hour()).isEqualTo(RollupLevel.HOUR.floor(watermarks.tenMinutes()));
            assertThat(services.windowPlan(RANGE).coarsest()).isEqualTo(RollupLevel.HOUR);
            TimeRange lastDay = TimeRange.lastBefore(AFTER.instant(), Duration.ofDays(1));
            // a day in 30-minute steps: 144 10-minute cells, then minute rows from the watermark (17:00) to the
            // end of the last step (17:30)
            assertThat(services.seriesPlan(lastDay, null).pieces()).extracting(RollupPlan.Piece::level, RollupPlan.Piece::cells)
                    .containsExactly(tuple(RollupLevel.TEN_MINUTES, 144L), tuple(RollupLevel.MINUTE, 30L));
            TimeRange lastWeek = TimeRange.lastBefore(AFTER.instant(), Duration.ofDays(7));
            for (Duration step : java.util.Arrays.asList(null, Duration.ofMinutes(1), Duration.ofMinutes(10))) {
                assertThat(services.seriesPlan(lastWeek, step).coarsest()).isEqualTo(RollupLevel.HOUR);
                assertThat(services.seriesPlan(lastWeek, step).cells()).isLessThanOrEqualTo(RollupLevel.MAX_CELLS);
            }
        }

        @Test
        void compact_again_orAfterACrashMidRun_changesNothing() {
            writeOnce();
            rebuildAll();
            List<String> rows = coarseRows();
            List<Object> answers = answers();
            assertThat(rows).isNotEmpty();

            // the same clock: nothing new is complete
            compactor(RollupSettings.defaults()).compact();
            assertThat(coarseRows()).isEqualTo(rows);

            // a crash at the tenth watermark advance, after that bucket's rows were written in its transaction
            forgetWatermarks();
            RollupCompactor crashing = new RollupCompactor(failingAt(store.dataSource, "rollup_watermarks", 10),
                    store.dialect, AFTER, RollupSettings.defaults());
            assertThatThrownBy(crashing::compact).isInstanceOf(IllegalStateException.class);
            Watermarks partial = readWatermarks();
            assertThat(partial.tenMinutes()).isLessThan(RANGE.endNanos() / 60_000_000_000L);
            assertThat(answers()).isEqualTo(answers);

            // the next run builds every bucket again over the rows already there: overwritten, not added
            compactor(RollupSettings.defaults()).compact();
            assertThat(coarseRows()).isEqualTo(rows);
            assertThat(answers()).isEqualTo(answers);
        }

        @Test
        void lateSpans_withinTheRecheckWindow_reachCoarseCellsByTheNextRun() {
            writeOnce();
            rebuildAll();
            RollupSettings twoHours = new RollupSettings(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofMinutes(1));
            long before = requests("rollup-b");
            // 15:05, in an hour compacted one run ago, within two hours of the 10-minute watermark (17:00)
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("rollup-b", "GET /a").trace(0x999, 1).id(1)
                    .start(FROM + 5 * HOUR_NANOS - 2 * 60_000 * MS).durationMs(4000).build())));
            assertThat(requests("rollup-b")).as("until the next run the hour is stale").isEqualTo(before);

            compactor(twoHours).compact();

            assertThat(requests("rollup-b")).isEqualTo(before + 1);
            assertThat(services.series("rollup-b", "GET /a", RANGE, Duration.ofHours(1)).get(5).p99Ms())
                    .isCloseTo(4000, org.assertj.core.data.Percentage.withPercentage(1));

            // 12:05 is more than lateness + recheck late: counted by minute rows only (RollupCompactor's documented limit)
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("rollup-b", "GET /a").trace(0x999, 2).id(1)
                    .start(FROM + 2 * HOUR_NANOS - 2 * 60_000 * MS).durationMs(4000).build())));
            compactor(twoHours).compact();
            assertThat(requests("rollup-b")).isEqualTo(before + 1);
            forgetWatermarks();
            assertThat(requests("rollup-b")).isEqualTo(before + 2);
            rebuildAll();
            assertThat(requests("rollup-b")).isEqualTo(before + 2);
        }

        @Test
        void lateCall_whoseCalleeCompletesItAfterTheCallersBucketWasRecompacted_reachesCoarseEdges() {
            writeOnce();
            rebuildAll();
            RollupSettings twoHours = new RollupSettings(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofMinutes(1));
            long before = calls("late-caller", "late-callee");
            // services of their own (other tests compare the coarse rows of the rollup services' histograms), after
            // RANGE (whose edges other tests count), below the 10-minute watermark (17:00): a client span late
            // at 16:19:59, whose bucket (16:10) is recompacted for it before its callee arrives
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("late-caller", "POST /b").trace(0x998, 1).id(1)
                    .kind(SpanKind.CLIENT).start(FROM + 6 * HOUR_NANOS + 779_000 * MS).durationMs(30).build())));
            compactor(twoHours).compact();
            // the callee at 16:20:01 completes the call, stored in 16:19: no span count of the 16:10 bucket changes
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("late-callee", "POST /b").trace(0x998, 1).id(2).parent(1)
                    .start(FROM + 6 * HOUR_NANOS + 781_000 * MS).durationMs(20).build())));
            assertThat(calls("late-caller", "late-callee")).as("until the next run the buckets are stale").isEqualTo(before);

            compactor(twoHours).compact();

            assertThat(calls("late-caller", "late-callee")).isEqualTo(before + 1);
            forgetWatermarks();
            assertThat(calls("late-caller", "late-callee")).as("as minute rows count it").isEqualTo(before + 1);
            rebuildAll();
        }

        /** Calls from 16:10 to 16:30, in 10-minute cells once compacted. */
        long calls(String source, String target) {
            TimeRange after = new TimeRange(FROM + 6 * HOUR_NANOS + 3 * 60_000 * MS, FROM + 6 * HOUR_NANOS + 23 * 60_000 * MS);
            return serviceMap.serviceMap(after).edges().stream()
                    .filter(e -> e.source().equals(source) && e.target().equals(target)).findFirst()
                    .map(dev.meridian.query.ServiceMap.Edge::requestCount).orElse(0L);
        }

        long requests(String service) {
            return services.services(RANGE).stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow()
                    .requestCount();
        }

        Watermarks readWatermarks() {
            return new org.springframework.jdbc.core.JdbcTemplate(store.dataSource)
                    .execute((org.springframework.jdbc.core.ConnectionCallback<Watermarks>) RollupWatermarks::read);
        }
    }

    boolean rollupDataWritten;

    /** A data source whose {@code n}-th statement naming {@code table} fails, as a crash at that point would. */
    static javax.sql.DataSource failingAt(javax.sql.DataSource dataSource, String table, int n) {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(StorageContractTest.class.getClassLoader(),
                new Class<?>[]{javax.sql.DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!(result instanceof java.sql.Connection connection)) {
                        return result;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(StorageContractTest.class.getClassLoader(),
                            new Class<?>[]{java.sql.Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && a[0] instanceof String sql
                                        && sql.contains(table) && !sql.startsWith("SELECT") && seen.incrementAndGet() == n) {
                                    throw new java.sql.SQLException("simulated crash");
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
