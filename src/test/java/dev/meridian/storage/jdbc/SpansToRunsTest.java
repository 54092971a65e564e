package dev.meridian.storage.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.TraceId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration 21 ({@link SpansToRuns}) on a database of the former schema (migrated up to V19) holding spans as the
 * writer of that time stored them: every span comes back from {@code span_runs} with everything it had.
 */
class SpansToRunsTest {

    @TempDir
    Path dir;
    HikariDataSource dataSource;
    /** The schema the database's migrations go to; null for the default one. */
    String schema;
    JdbcTemplate jdbc;

    @BeforeEach
    void open() {
        dataSource = openDatabase();
        jdbc = new JdbcTemplate(dataSource);
        flyway().target("19").load().migrate();
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    /** A fresh, empty database. */
    HikariDataSource openDatabase() {
        HikariDataSource h2 = new HikariDataSource();
        h2.setJdbcUrl("jdbc:h2:file:" + dir.resolve("meridian").toAbsolutePath() + ";CACHE_SIZE=65536");
        h2.setUsername("sa");
        return h2;
    }

    private FluentConfiguration flyway() {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .javaMigrations(JavaMigrations.all());
        return schema == null ? flyway : flyway.schemas(schema).createSchemas(true);
    }

    @Test
    void migrate_copiesEverySpanToARunOfItsOwn_withItsKeyAndEverythingItHad() throws SQLException {
        TraceId checkout = new TraceId(0x1234_5678_9abc_def0L, -7);
        TraceId search = new TraceId(-1, 42);
        List<Span> spans = List.of(
                span("frontend", "GET /checkout").trace(checkout).id(1).startMs(0).durationMs(120)
                        .attributes("http.route", "/checkout", "order.id", "o-1", "http.response.status_code", 500L)
                        .error("cart service unavailable")
                        .events(new SpanEvent(T0_NANOS + 5 * MS, "exception", attrs("exception.type", "IOException"), 1))
                        .build(),
                span("cart", "POST /cart").trace(checkout).id(2).parent(1).startMs(10).durationMs(30)
                        .attributes("http.route", "/cart", "cart.size", 3L)
                        .links(new SpanLink(search, new SpanId(9), "k=v", attrs("link.kind", "follows"), 0, 1)).build(),
                span("cart", "SELECT cart").trace(checkout).id(3).parent(2).kind(SpanKind.CLIENT).startMs(12).durationMs(4)
                        .build(),
                span("frontend", "GET /search").trace(search).id(9).startMs(2_000).durationMs(15)
                        .attributes("http.route", "/search").build());
        Map<Long, Span> byKey = new OldSpans().insert(spans);
        List<Map<String, Object>> sideIndex = jdbc.queryForList("SELECT * FROM span_attributes");

        flyway().load().migrate();

        Dictionaries dictionaries;
        try (Connection c = dataSource.getConnection()) {
            dictionaries = new Dictionaries(dataSource, SqlDialect.of(c));
        }
        List<Map<String, Object>> runs = jdbc.queryForList("SELECT first_key, last_key, trace_hi, trace_lo, service_id,"
                + " start_ns, end_ns, max_duration_ns, error_count, span_count, heads, details FROM span_runs ORDER BY first_key");
        assertThat(runs).hasSize(spans.size());
        for (Map<String, Object> run : runs) {
            long key = number(run, "first_key");
            Span span = byKey.get(key);
            assertThat(span).as("a run keyed as an old span").isNotNull();
            assertThat(number(run, "last_key")).isEqualTo(key);
            assertThat(number(run, "span_count")).isEqualTo(1);
            assertThat(new TraceId(number(run, "trace_hi"), number(run, "trace_lo"))).isEqualTo(span.traceId());
            assertThat(number(run, "service_id")).isEqualTo((long) dictionaries.services().find(span.serviceName()).orElseThrow());
            assertThat(number(run, "start_ns")).isEqualTo(span.startNanos());
            assertThat(number(run, "end_ns")).isEqualTo(span.endNanos());
            assertThat(number(run, "max_duration_ns")).isEqualTo(span.durationNanos());
            assertThat(number(run, "error_count")).isEqualTo(span.status().isError() ? 1 : 0);

            SpanRunCodec.Head head = SpanRunCodec.decodeHeads((byte[]) run.get("heads"), key, span.startNanos()).getFirst();
            assertThat(head.key()).isEqualTo(key);
            assertThat(head.spanId()).isEqualTo(span.spanId().value());
            assertThat(head.parentSpanId()).isEqualTo(span.parentSpanId().value());
            assertThat(dictionaries.spanNames().name(head.nameId())).isEqualTo(span.name());
            assertThat(head.kind()).isEqualTo(span.kind().otlpNumber());
            assertThat(head.startNanos()).isEqualTo(span.startNanos());
            assertThat(head.endNanos()).isEqualTo(span.endNanos());
            assertThat(head.statusCode()).isEqualTo(span.status().code().otlpNumber());
            assertThat(dictionaries.resource(head.resourceId())).isEqualTo(span.resource());

            SpanRunCodec.Detail detail = SpanRunCodec.decodeDetails((byte[]) run.get("details"), List.of(head),
                    dictionaries.compression()).getFirst();
            assertThat(detail.statusMessage()).isEqualTo(span.status().message());
            assertThat(detail.body().scope()).isEqualTo(span.scope());
            assertThat(detail.body().attributes()).isEqualTo(span.attributes());
            assertThat(detail.body().events()).isEqualTo(span.events());
            assertThat(detail.body().links()).isEqualTo(span.links());
        }
        Set<String> expectedPostings = new HashSet<>();
        for (Map<String, Object> entry : sideIndex) {
            for (long key = number(entry, "span_key"); key <= number(entry, "last_key"); key++) {
                expectedPostings.add(number(entry, "attr_hash") + "@" + key); // every key is a run of one span now
            }
        }
        Set<String> postings = new HashSet<>();
        jdbc.query("SELECT first_key, postings FROM attribute_postings", rs -> {
            AttributePostings.decode(rs.getBytes(2), rs.getLong(1), null, p -> postings.add(p.hash() + "@" + p.runKey()));
        });
        assertThat(postings).as("the side index, as postings, names the same runs").isEqualTo(expectedPostings);
        Map<TraceId, List<Long>> runsOfTrace = new HashMap<>();
        byKey.forEach((key, span) -> runsOfTrace.computeIfAbsent(span.traceId(), t -> new ArrayList<>()).add(key));
        runsOfTrace.forEach((trace, keys) -> assertThat(TraceIndex.runKeys(jdbc, trace))
                .as("V27 indexes each run under its trace").containsExactlyInAnyOrderElementsOf(keys));
        var traces = new dev.meridian.query.jdbc.JdbcTraceQueries(dataSource, dictionaries, List.of("http.route"));
        var byRoute = new dev.meridian.query.TraceSearch(null, null, null, null, null,
                List.of(dev.meridian.query.TraceSearch.AttributeFilter.parse("http.route=/cart")),
                new dev.meridian.telemetry.TimeRange(T0_NANOS, T0_NANOS + 60_000 * MS), 20,
                dev.meridian.query.TraceSearch.Sort.DURATION);
        assertThat(traces.search(byRoute)).as("an indexed search finds the migrated span by its postings")
                .extracting(dev.meridian.query.TraceSummary::traceId).containsExactly(checkout.toHex());
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM span_attributes", Long.class))
                .isInstanceOf(BadSqlGrammarException.class);
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM spans", Long.class))
                .isInstanceOf(BadSqlGrammarException.class);
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM trace_runs", Long.class))
                .isInstanceOf(BadSqlGrammarException.class);
    }

    @Test
    void migrate_copiesSpansBeyondOneSliceOfTheCopy() throws SQLException {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 10_000 + 5; i++) {
            spans.add(span("a", "op").trace(i + 1, 1).startMs(i).build());
        }
        Map<Long, Span> byKey = new OldSpans().insert(spans);

        flyway().load().migrate();

        assertThat(jdbc.queryForList("SELECT first_key FROM span_runs", Long.class))
                .containsExactlyInAnyOrderElementsOf(byKey.keySet());
        List<String> indexed = new ArrayList<>();
        jdbc.query("SELECT row_key, postings FROM trace_index", rs -> {
            TraceIndex.decode(rs.getBytes(2), (rs.getLong(1) >> TraceIndex.BUCKET_BITS) << TraceIndex.WINDOW_SHIFT, null,
                    posting -> indexed.add(new TraceId(posting.traceHi(), posting.traceLo()) + "@" + posting.runKey()));
        });
        assertThat(indexed).as("V27 indexes every run under its trace, window by window")
                .containsExactlyInAnyOrderElementsOf(byKey.entrySet().stream().map(e -> e.getValue().traceId() + "@" + e.getKey()).toList());
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    /** The rows the writer stored before V20 (its InsertSpans of that time): spans, trace runs, side index, dictionaries. */
    private final class OldSpans {

        private final DetailWriter detail = new DetailWriter();
        private final CompressionDictionaries compression = new CompressionDictionaries(dataSource);
        private final Map<String, Integer> services = new HashMap<>();
        private final Map<String, Integer> names = new HashMap<>();
        private final Map<Long, Resource> resources = new HashMap<>();

        /** Inserts the spans, a trace's spans with consecutive keys in the order given; returns them by key. */
        Map<Long, Span> insert(List<Span> spans) throws SQLException {
            Map<Long, Span> byKey = new HashMap<>();
            try (Connection c = dataSource.getConnection();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO spans (span_key, trace_hi, trace_lo, span_id,"
                         + " parent_span_id, service_id, name_id, kind, start_ns, end_ns, duration_ns, status_code,"
                         + " status_message, http_route, http_status, resource_id, detail)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement run = c.prepareStatement("INSERT INTO trace_runs (trace_hi, first_key, last_key) VALUES (?, ?, ?)");
                 PreparedStatement attribute = c.prepareStatement(
                         "INSERT INTO span_attributes (attr_hash, span_key, last_key) VALUES (?, ?, ?)")) {
                long sequence = 0;
                for (Span span : spans) {
                    long key = RowKeys.floorKey(span.startNanos()) | sequence++;
                    byKey.put(key, span);
                    bind(insert, key, span);
                    insert.addBatch();
                    run.setLong(1, span.traceId().hi());
                    run.setLong(2, key);
                    run.setLong(3, key);
                    run.addBatch();
                    for (String indexed : List.of("http.route", "order.id")) {
                        String value = span.attributes().getString(indexed);
                        if (value != null) {
                            attribute.setLong(1, Hashing.attribute(indexed, value));
                            attribute.setLong(2, key);
                            attribute.setLong(3, key);
                            attribute.addBatch();
                        }
                    }
                }
                insert.executeBatch();
                run.executeBatch();
                attribute.executeBatch();
                insertDictionaries();
            }
            return byKey;
        }

        private void bind(PreparedStatement insert, long key, Span span) throws SQLException {
            int serviceId = services.computeIfAbsent(span.serviceName(), name -> services.size() + 1);
            int nameId = names.computeIfAbsent(span.name(), name -> names.size() + 1);
            long resourceId = Hashing.hash(DetailCodec.encodeResourceRaw(detail, span.resource()));
            resources.put(resourceId, span.resource());
            insert.setLong(1, key);
            insert.setLong(2, span.traceId().hi());
            insert.setLong(3, span.traceId().lo());
            insert.setLong(4, span.spanId().value());
            insert.setLong(5, span.parentSpanId().value());
            insert.setInt(6, serviceId);
            insert.setInt(7, nameId);
            insert.setInt(8, span.kind().otlpNumber());
            insert.setLong(9, span.startNanos());
            insert.setLong(10, span.endNanos());
            insert.setLong(11, span.durationNanos());
            insert.setInt(12, span.status().code().otlpNumber());
            insert.setString(13, span.status().message());
            insert.setString(14, span.attributes().getString("http.route"));
            Integer httpStatus = RedRollups.httpStatus(span);
            if (httpStatus == null) {
                insert.setNull(15, Types.INTEGER);
            } else {
                insert.setInt(15, httpStatus);
            }
            insert.setLong(16, resourceId);
            insert.setBytes(17, DetailCodec.encodeSpan(detail, span, compression));
        }

        private void insertDictionaries() {
            services.forEach((name, id) -> jdbc.update(
                    "INSERT INTO services (service_id, service_name, last_seen_ns) VALUES (?, ?, ?)", id, name, T0_NANOS));
            names.forEach((name, id) -> jdbc.update(
                    "INSERT INTO span_names (name_id, span_name, last_seen_ns) VALUES (?, ?, ?)", id, name, T0_NANOS));
            resources.forEach((id, resource) -> {
                byte[] raw = DetailCodec.encodeResourceRaw(detail, resource);
                jdbc.update("INSERT INTO resources (resource_id, service_id, detail, last_seen_ns) VALUES (?, ?, ?, ?)", id,
                        services.get(resource.serviceName()), Compression.pack(raw, raw.length), T0_NANOS);
            });
        }
    }
}
