package dev.meridian.storage.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.query.TraceQueries;
import dev.meridian.storage.NotDurableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import dev.meridian.query.jdbc.JdbcTraceQueries;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class JdbcTelemetryWriterTest {

    @TempDir
    Path dir;
    TestStore store;

    @BeforeEach
    void open() {
        store = new TestStore(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void write_storesSpansLogsPointsAndRollupsInOneBatch() {
        TraceId trace = new TraceId(7, 8);
        store.writer.write(new TelemetryBatch(
                List.of(span("checkout", "GET /cart").trace(trace).id(1).attributes("http.route", "/cart", "order.id", "o-1").build(),
                        span("checkout", "SELECT").trace(trace).id(2).parent(1).kind(SpanKind.CLIENT).build()),
                List.of(log("checkout", T0_NANOS, 9, "hello", trace, new SpanId(1))),
                List.of(gauge("checkout", "jvm.memory.used", T0_NANOS, 42, attrs("pool", "heap")))));

        assertThat(store.count("spans")).isEqualTo(2);
        assertThat(store.attributePostings()).isEqualTo(2);
        assertThat(store.count("logs")).isEqualTo(1);
        assertThat(store.count("metric_points")).isEqualTo(1);
        assertThat(store.count("services")).isEqualTo(1);
        assertThat(store.count("resources")).isEqualTo(1);
        assertThat(store.count("red_rollup")).isEqualTo(1);
        assertThat(store.count("service_rollup")).isEqualTo(1);
    }

    @Test
    void write_mergesRollupsAcrossBatches() {
        for (int i = 0; i < 3; i++) {
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("a", "op").trace(i + 1, 1).startMs(i).build())));
        }
        assertThat(store.count("red_rollup")).isEqualTo(1);
        assertThat(store.count("spans")).isEqualTo(3);
    }

    @Test
    void write_truncatesOverlongNamesInsteadOfFailingTheBatch() {
        String longName = "x".repeat(3000);
        store.writer.write(TelemetryBatch.ofSpans(List.of(span(longName, longName).build())));
        assertThat(store.dictionaries.spanNames().find(longName)).isPresent();
        assertThat(store.dictionaries.spanNames().name(store.dictionaries.spanNames().find(longName).orElseThrow())).hasSize(1024);
        assertThat(store.dictionaries.services().find(longName)).isPresent();
    }

    @Test
    void write_keepsEveryAttributeValueTypeAndStructuredBodies() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1L, "two", 3.5, true));
        nested.put("empty", null);
        TraceId trace = new TraceId(3, 4);
        store.writer.write(new TelemetryBatch(
                List.of(span("a", "op").trace(trace).attributes("bytes", new byte[]{1, 2}, "map", nested, "neg", -5L,
                        "pi", 3.14, "no", false, "text", "ünïcødé").build()),
                List.of(new LogRecord(resource("a"), InstrumentationScope.EMPTY, T0_NANOS, T0_NANOS, 9, "INFO",
                        Map.of("message", "structured"), Attributes.EMPTY, 0, 0, trace, new SpanId(1), "my.event")),
                List.of()));

        TraceQueries.Trace stored = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED)
                .trace(trace).orElseThrow();

        Attributes attributes = stored.spans().getFirst().attributes();
        assertThat((byte[]) attributes.get("bytes")).containsExactly(1, 2);
        assertThat(attributes.get("map")).isEqualTo(nested);
        assertThat(attributes.get("neg")).isEqualTo(-5L);
        assertThat(attributes.get("pi")).isEqualTo(3.14);
        assertThat(attributes.get("no")).isEqualTo(false);
        assertThat(attributes.get("text")).isEqualTo("ünïcødé");
        assertThat(stored.logs().getFirst().body()).isEqualTo(Map.of("message", "structured"));
        assertThat(stored.logs().getFirst().eventName()).isEqualTo("my.event");
    }

    @Test
    void write_trainsACompressionDictionaryAndKeepsEveryRowReadable() {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < CompressionDictionaries.SAMPLES + 500; i++) {
            spans.add(span("a", "op").trace(i + 1, 1).attributes("http.route", "/r/" + (i % 7), "n", (long) i).build());
            if (spans.size() == 500) {
                store.writer.write(TelemetryBatch.ofSpans(spans));
                spans.clear();
            }
        }
        store.writer.write(TelemetryBatch.ofSpans(spans));
        assertThat(store.count("compression_dictionaries")).isEqualTo(1);

        store.close();
        store = new TestStore(dir);
        store.writer.write(TelemetryBatch.ofSpans(List.of(span("a", "op").trace(99_999, 1).attributes("n", -1L).build())));
        JdbcTraceQueries traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED);
        assertThat(traces.trace(new TraceId(1, 1)).orElseThrow().spans().getFirst().attributes().get("n")).isEqualTo(0L);
        assertThat(traces.trace(new TraceId(2400, 1)).orElseThrow().spans().getFirst().attributes().get("n")).isEqualTo(2399L);
        assertThat(traces.trace(new TraceId(99_999, 1)).orElseThrow().spans().getFirst().attributes().get("n")).isEqualTo(-1L);
        assertThat(store.count("compression_dictionaries")).isEqualTo(1);
    }

    @Test
    void write_returnsOnlyWhenTheBatchIsInTheFile(@TempDir Path copy) throws Exception {
        store.writer.write(TelemetryBatch.ofSpans(List.of(span("a", "op").build(), span("a", "op").trace(2, 2).build())));

        // a copy of the file taken right away is what a process killed right now would leave behind
        Files.copy(dir.resolve("meridian.mv.db"), copy.resolve("meridian.mv.db"));
        try (TestStore crashed = new TestStore(copy)) {
            assertThat(crashed.count("spans")).isEqualTo(2);
            assertThat(crashed.count("red_rollup")).isEqualTo(1);
        }
    }

    @Test
    void write_whenTheSyncToDiskFails_throwsNotDurable_insteadOfReturningAsIfDurable() {
        JdbcTelemetryWriter writer = new JdbcTelemetryWriter(failingSync(store.dataSource), store.dictionaries, TestStore.INDEXED);

        assertThatThrownBy(() -> writer.write(new TelemetryBatch(List.of(span("checkout", "GET /cart").build()), List.of(), List.of())))
                .isInstanceOf(NotDurableException.class)
                .hasMessageContaining("No space left on device");
        assertThat(store.count("spans")).as("committed, only not synced").isEqualTo(1);
        assertThatThrownBy(writer::sync).isInstanceOf(NotDurableException.class);
    }

    @Test
    void write_aBatchFailingOnceAndRetried_countsItsCallOnce() {
        java.util.concurrent.atomic.AtomicReference<String> failNextCommit = new java.util.concurrent.atomic.AtomicReference<>();
        JdbcTelemetryWriter writer = new JdbcTelemetryWriter(failingCommit(store.dataSource, failNextCommit),
                store.dictionaries, TestStore.INDEXED);
        // the callee's side first, as exporters send it; the client's batch completes the call
        writer.write(TelemetryBatch.ofSpans(List.of(span("cart", "POST /cart").trace(5, 5).id(2).parent(1)
                .kind(SpanKind.SERVER).build())));
        var client = TelemetryBatch.ofSpans(List.of(span("frontend", "POST cart").trace(5, 5).id(1)
                .kind(SpanKind.CLIENT).build()));

        failNextCommit.set("23505"); // a row key collision: the writer retries the batch itself
        writer.write(client);
        writer.write(TelemetryBatch.ofSpans(List.of(span("cart", "POST /cart").trace(6, 6).id(2).parent(1)
                .kind(SpanKind.SERVER).build())));
        var secondClient = TelemetryBatch.ofSpans(List.of(span("frontend", "POST cart").trace(6, 6).id(1)
                .kind(SpanKind.CLIENT).build()));
        failNextCommit.set("HY000"); // a failure the writer gives up on: the batch is applied again (the log's replay)
        assertThatThrownBy(() -> writer.write(secondClient)).isInstanceOf(org.springframework.dao.DataAccessException.class);
        writer.write(secondClient);

        assertThat(new org.springframework.jdbc.core.JdbcTemplate(store.dataSource)
                .queryForObject("SELECT SUM(call_count) FROM edge_rollup", Long.class)).isEqualTo(2);
        assertThat(writer.callPairing().paired()).isEqualTo(2);
        assertThat(failNextCommit.get()).as("every armed failure happened").isNull();
    }

    /** The data source whose next commit fails with the SQLState in {@code failNext}, once, when it is set. */
    private static DataSource failingCommit(DataSource real, java.util.concurrent.atomic.AtomicReference<String> failNext) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                String state = m.getName().equals("commit") ? failNext.getAndSet(null) : null;
                                if (state != null) {
                                    throw new SQLException("injected failure", state);
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    /** The data source with every {@code CHECKPOINT SYNC} failing as on a full disk. */
    private static DataSource failingSync(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    return result instanceof Connection c ? failingSync(c) : result;
                });
    }

    private static Connection failingSync(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                                (p, m, a) -> {
                                    if (m.getName().startsWith("execute") && a != null && a.length > 0
                                            && String.valueOf(a[0]).startsWith("CHECKPOINT SYNC")) {
                                        throw new SQLException("No space left on device", "HY000");
                                    }
                                    return invoke(statement, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void write_extremeTimes_neverFailABatch_andEveryRowGetsItsOwnKey() {
        long[] extremes = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (int round = 0; round < 3; round++) {
            List<Span> spans = new ArrayList<>();
            List<LogRecord> logs = new java.util.ArrayList<>();
            int id = 1;
            for (long start : extremes) {
                for (int copy = 0; copy < 50; copy++) {
                    spans.add(span("checkout", "GET /cart").trace(new TraceId(round, id)).id(id++).start(start).durationMs(5).build());
                    logs.add(log("checkout", start, 9, "at the edge", TraceId.INVALID, SpanId.NONE));
                }
            }
            store.writer.write(new TelemetryBatch(spans, logs, List.of()));
        }
        assertThat(store.count("spans")).isEqualTo(3 * extremes.length * 50);
        assertThat(store.count("logs")).isEqualTo(3 * extremes.length * 50);
    }

    @Test
    void write_survivesReopeningTheDatabase() {
        store.writer.write(TelemetryBatch.ofSpans(List.of(span("a", "op").build())));
        store.close();
        store = new TestStore(dir);
        store.writer.write(TelemetryBatch.ofSpans(List.of(span("b", "op").trace(2, 2).build())));
        assertThat(store.count("spans")).isEqualTo(2);
        assertThat(store.count("services")).isEqualTo(2);
    }

    @Test
    void write_aTraceStoredInSeveralRuns_readsEachSpanOnce() {
        // exporters send a trace's spans as they end: the children first, the root in a later batch
        TraceId trace = new TraceId(9, 9);
        store.writer.write(TelemetryBatch.ofSpans(List.of(
                span("a", "child").trace(trace).id(2).parent(1).startMs(1).durationMs(5).build(),
                span("a", "child").trace(trace).id(3).parent(1).startMs(2).durationMs(5).build())));
        store.writer.write(TelemetryBatch.ofSpans(List.of(
                span("a", "root").trace(trace).id(1).startMs(0).durationMs(10).build())));

        assertThat(store.count("span_runs")).isEqualTo(2);
        JdbcTraceQueries traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED);
        assertThat(traces.trace(trace).orElseThrow().spans()).hasSize(3);
        assertThat(traces.search(new dev.meridian.query.TraceSearch("a", null, null, null, null, List.of(),
                new dev.meridian.telemetry.TimeRange(T0_NANOS, T0_NANOS + 60_000 * MS), 5,
                dev.meridian.query.TraceSearch.Sort.DURATION))).singleElement()
                .satisfies(summary -> assertThat(summary.spanCount()).isEqualTo(3));
    }

    @Test
    void write_storesOneRunPerTraceAndService_withTheSpansInKeyOrderAndTheirSummary() {
        List<Span> spans = new ArrayList<>();
        for (int trace = 1; trace <= 2; trace++) {
            for (String service : List.of("a", "b")) {
                for (int i = 2; i >= 0; i--) { // latest start first: the run orders its spans by start
                    var span = span(service, "op " + i).trace(trace, trace).id(trace * 100 + service.charAt(0) * 10L + i)
                            .startMs(trace * 1_000L + i * 10L).durationMs(5 + 7 * i + trace);
                    spans.add((service.equals("b") && i != 0 ? span.error("failed " + i) : span).build());
                }
            }
        }
        store.writer.write(TelemetryBatch.ofSpans(spans));

        List<Map<String, Object>> runs = new JdbcTemplate(store.dataSource).queryForList(
                "SELECT * FROM span_runs ORDER BY first_key");
        assertThat(runs).hasSize(4);
        for (Map<String, Object> run : runs) {
            long firstKey = ((Number) run.get("FIRST_KEY")).longValue();
            long traceLo = ((Number) run.get("TRACE_LO")).longValue();
            int serviceId = ((Number) run.get("SERVICE_ID")).intValue();
            List<Span> expected = spans.stream()
                    .filter(s -> s.traceId().lo() == traceLo
                            && store.dictionaries.services().find(s.serviceName()).orElseThrow() == serviceId)
                    .sorted(Comparator.comparingLong(Span::startNanos))
                    .toList();
            List<SpanRunCodec.Head> heads = SpanRunCodec.decodeHeads((byte[]) run.get("HEADS"), firstKey,
                    ((Number) run.get("START_NS")).longValue());

            assertThat(heads).extracting(SpanRunCodec.Head::spanId)
                    .containsExactlyElementsOf(expected.stream().map(s -> s.spanId().value()).toList());
            assertThat(heads).extracting(SpanRunCodec.Head::key).containsExactly(firstKey, firstKey + 1, firstKey + 2);
            assertThat(heads).extracting(SpanRunCodec.Head::startNanos)
                    .containsExactlyElementsOf(expected.stream().map(Span::startNanos).toList());
            assertThat(heads).extracting(SpanRunCodec.Head::endNanos)
                    .containsExactlyElementsOf(expected.stream().map(Span::endNanos).toList());
            assertThat(run).containsEntry("LAST_KEY", firstKey + 2).containsEntry("SPAN_COUNT", 3)
                    .containsEntry("TRACE_HI", traceLo)
                    .containsEntry("START_NS", expected.getFirst().startNanos())
                    .containsEntry("END_NS", expected.stream().mapToLong(Span::endNanos).max().orElseThrow())
                    .containsEntry("MAX_DURATION_NS",
                            expected.stream().mapToLong(Span::durationNanos).max().orElseThrow())
                    .containsEntry("ERROR_COUNT",
                            (int) expected.stream().filter(s -> s.status().isError()).count());
        }
    }
}
