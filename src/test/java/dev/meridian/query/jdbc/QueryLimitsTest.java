package dev.meridian.query.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.LogQueries;
import dev.meridian.query.LogSearch;
import dev.meridian.query.QueryLimits;
import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What one query may return ({@link QueryLimits}): trace detail, log bodies and trace-search candidates are bounded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryLimitsTest {

    static final TimeRange WINDOW = new TimeRange(T0_NANOS, T0_NANOS + 10 * 60_000 * MS);
    static final TraceId BIG = new TraceId(0x77, 1);
    static final int BIG_SPANS = 30;
    static final int BIG_LOGS = 15;
    static final int SERVICES = 40;
    static final int SPANS_PER_SERVICE = 30;

    @TempDir
    static Path dir;
    TestStore store;
    final List<Span> searchable = new ArrayList<>();

    /** The store under test: an H2 file here; {@link PostgresQueryLimitsTest} runs the same on PostgreSQL. */
    TestStore openStore() {
        return new TestStore(dir);
    }

    @BeforeAll
    void write() {
        store = openStore();
        List<Span> big = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        for (int i = 0; i < BIG_SPANS; i++) {
            // written out of start order: detail keeps the first spans by start time, not by arrival
            int at = (i * 7) % BIG_SPANS;
            big.add(span("big", "step " + at).trace(BIG).id(at + 1).parent(at == 0 ? 0 : 1).startMs(100 + at).durationMs(1).build());
        }
        for (int i = 0; i < BIG_LOGS; i++) {
            logs.add(log("big", T0_NANOS + (200 + i) * MS, 9, "line " + i, BIG, new SpanId(1)));
        }
        logs.add(log("chatty", T0_NANOS + 300 * MS, 9, "x".repeat(5_000), new TraceId(0, 0), SpanId.NONE));
        logs.add(log("chatty", T0_NANOS + 301 * MS, 9, "short", new TraceId(0, 0), SpanId.NONE));
        store.writer.write(new TelemetryBatch(big, logs, List.of()));

        // many services, each with its own slow spans: one trace per span
        long id = 1;
        for (int s = 0; s < SERVICES; s++) {
            for (int i = 0; i < SPANS_PER_SERVICE; i++, id++) {
                searchable.add(span("svc-" + s, "GET /x").trace(0x1000 + id, id).id(1).startMs(1_000 + id)
                        .durationNanos(1_000_000 + id * 7919 % 100_003 * 10).build());
            }
        }
        store.writer.write(TelemetryBatch.ofSpans(searchable));
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void traceDetail_overTheSpanLimit_returnsTheFirstSpansByStartAndCountsTheRest() {
        QueryLimits limits = QueryLimits.DEFAULTS.withMaxTraceSpans(10);
        TraceQueries.Trace trace = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED, limits)
                .trace(BIG).orElseThrow();

        assertThat(trace.spans()).hasSize(10);
        assertThat(trace.spans()).extracting(Span::name).containsExactly("step 0", "step 1", "step 2", "step 3",
                "step 4", "step 5", "step 6", "step 7", "step 8", "step 9");
        assertThat(trace.omittedSpans()).isEqualTo(BIG_SPANS - 10);
        assertThat(trace.logs()).hasSize(10);
        assertThat(trace.logs().getFirst().body()).isEqualTo("line 0");
        assertThat(trace.omittedLogs()).isEqualTo(BIG_LOGS - 10);
        assertThat(trace.truncated()).isTrue();
    }

    @Test
    void traceDetail_withinTheLimit_isComplete() {
        TraceQueries.Trace trace = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED,
                QueryLimits.DEFAULTS.withMaxTraceSpans(BIG_SPANS)).trace(BIG).orElseThrow();

        assertThat(trace.spans()).hasSize(BIG_SPANS);
        assertThat(trace.logs()).hasSize(BIG_LOGS);
        assertThat(trace.truncated()).isFalse();
        assertThat(trace.omittedSpans()).isZero();
    }

    @Test
    void logSearch_cutsLongBodiesAndFlagsThem() {
        JdbcLogQueries logs = new JdbcLogQueries(store.dataSource, store.dictionaries,
                QueryLimits.DEFAULTS.withMaxLogBodyChars(100));

        LogQueries.LogPage page = logs.page(new LogSearch("chatty", null, null, null, null, WINDOW, 10, null));

        assertThat(page.hits()).hasSize(2);
        assertThat(page.partial()).isFalse();
        LogQueries.LogPage.Hit shortOne = page.hits().get(0);
        LogQueries.LogPage.Hit longOne = page.hits().get(1);
        assertThat(shortOne.record().body()).isEqualTo("short");
        assertThat(shortOne.bodyTruncated()).isFalse();
        assertThat(longOne.record().body()).isEqualTo("x".repeat(100));
        assertThat(longOne.bodyTruncated()).isTrue();
    }

    @Test
    void logSearch_matchesTheWholeBodyEvenWhenResultsCutIt() {
        JdbcLogQueries logs = new JdbcLogQueries(store.dataSource, store.dictionaries,
                QueryLimits.DEFAULTS.withMaxLogBodyChars(10));

        List<LogRecord> found = logs.search(new LogSearch(null, null, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", null, null,
                WINDOW, 10, null));

        assertThat(found).singleElement().extracting(LogRecord::body).isEqualTo("x".repeat(10));
    }

    @Test
    void traceSearch_overManyServices_readsAtMostMaxCandidatesPerRoundAndStillFindsTheSlowest() {
        AtomicLong candidateRows = new AtomicLong();
        DataSource counting = countingCandidateRows(store.dataSource, candidateRows);
        int maxCandidates = 400; // 9 for each of the 42 services (with those of the other tests), the search asks for 5
        JdbcTraceQueries traces = new JdbcTraceQueries(counting, store.dictionaries, TestStore.INDEXED,
                QueryLimits.DEFAULTS.withMaxCandidates(maxCandidates));
        // a maximum duration: exemplars cannot prove the answer, the covering index of every service is read and merged
        TraceSearch search = new TraceSearch(null, null, null, 1e9, null, List.of(), WINDOW, 5, TraceSearch.Sort.DURATION);

        TraceQueries.SearchResult result = traces.searchWithCoverage(search);

        List<String> expected = searchable.stream().sorted(Comparator.comparingLong(Span::durationNanos).reversed())
                .limit(5).map(s -> s.traceId().toHex()).toList();
        assertThat(result.traces()).extracting(TraceSummary::traceId).containsExactlyElementsOf(expected);
        assertThat(result.partial()).isFalse();
        assertThat(candidateRows.get()).isPositive().isLessThanOrEqualTo(maxCandidates);
    }

    @Test
    void searches_outOfTime_answerPartialInsteadOfFailing() {
        QueryLimits noTime = QueryLimits.DEFAULTS.withTimeout(java.time.Duration.ofNanos(1));
        JdbcLogQueries logs = new JdbcLogQueries(store.dataSource, store.dictionaries, noTime);
        JdbcTraceQueries traces = new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED, noTime);

        LogQueries.LogPage page = logs.page(new LogSearch(null, null, "line", null, null, WINDOW, 10, null));
        TraceQueries.SearchResult found = traces.searchWithCoverage(
                new TraceSearch(null, null, null, 1e9, null, List.of(), WINDOW, 5, TraceSearch.Sort.DURATION));

        assertThat(page.partial()).isTrue();
        assertThat(found.partial()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> traces.trace(BIG))
                .isInstanceOf(dev.meridian.query.QueryBudgetExceededException.class)
                .hasMessageContaining("time budget");
    }

    /** Counts the rows (runs) returned by trace search's candidate statements (step 1). */
    private static DataSource countingCandidateRows(DataSource delegate, AtomicLong rows) {
        return proxy(DataSource.class, delegate, (method, result, args) -> method.getName().equals("getConnection")
                ? proxy(Connection.class, result, (m, r, a) -> m.getName().equals("prepareStatement")
                        && ((String) a[0]).contains("SELECT first_key, max_duration_ns")
                        ? proxy(PreparedStatement.class, r, (m2, r2, a2) -> m2.getName().equals("executeQuery")
                                ? proxy(ResultSet.class, r2, (m3, r3, a3) -> {
                                    if (m3.getName().equals("next") && Boolean.TRUE.equals(r3)) {
                                        rows.incrementAndGet();
                                    }
                                    return r3;
                                })
                                : r2)
                        : r)
                : result);
    }

    interface After {
        Object apply(java.lang.reflect.Method method, Object result, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, After after) {
        return (T) Proxy.newProxyInstance(QueryLimitsTest.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, result, args);
        });
    }
}
