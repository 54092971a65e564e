package dev.meridian.storage.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cardinality: a client sending ever new names, resources or series cannot grow the dictionaries beyond their
 * limits (the rest is stored as overflow and counted), and retention makes room again by forgetting entries the
 * writer has not used for its period.
 */
class DictionaryLimitsTest {

    static final DictionaryLimits SMALL = new DictionaryLimits(3, 5, 4, 2, 3);

    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(T0.toEpochMilli());
    TestStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void newSpanNamesBeyondTheLimit_areStoredAsOverflow_andCounted() {
        store = new TestStore(dir, SMALL, clock::get);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            spans.add(span("checkout", "GET /item/" + i).trace(1, i + 1).id(i + 1).build());
        }
        store.writer.write(TelemetryBatch.ofSpans(spans));
        store.writer.write(TelemetryBatch.ofSpans(List.of(span("checkout", "GET /item/99").trace(2, 1).id(1).build())));

        assertThat(store.count("spans")).as("every span is kept").isEqualTo(13);
        assertThat(names("span_names", "span_name")).hasSize(6).contains(NameDictionary.OVERFLOW, "GET /item/0", "GET /item/4");
        assertThat(store.dictionaries.spanNames().overflowed()).isEqualTo(8);
        assertThat(store.dictionaries.cardinality()).contains(new Dictionaries.Cardinality("spanNames", 5, 5, 8));
    }

    @Test
    void newServicesAndResourcesBeyondTheLimit_areStoredAsOverflow() {
        store = new TestStore(dir, SMALL, clock::get);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            spans.add(span("service-" + i, "op").trace(1, i + 1).id(i + 1).build());
        }
        store.writer.write(TelemetryBatch.ofSpans(spans));

        assertThat(names("services", "service_name")).containsExactlyInAnyOrder("service-0", "service-1", "service-2",
                NameDictionary.OVERFLOW);
        assertThat(store.count("resources")).isLessThanOrEqualTo(SMALL.resources() + 1);
        assertThat(store.count("spans")).isEqualTo(6);
    }

    @Test
    void newMetricSeriesBeyondTheLimit_goToTheOverflowSeries_andPointsOfNewMetricsAreDropped() {
        store = new TestStore(dir, SMALL, clock::get);
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(gauge("checkout", "queue.size", T0_NANOS, i, attrs("queue", "q" + i)));
        }
        points.add(gauge("checkout", "cpu", T0_NANOS, 1, attrs()));
        points.add(gauge("checkout", "memory", T0_NANOS, 1, attrs()));
        store.writer.write(new TelemetryBatch(List.of(), List.of(), points));

        assertThat(store.count("metrics")).isEqualTo(2); // queue.size and cpu; memory is beyond the limit
        assertThat(store.count("metric_points")).isEqualTo(11);
        // q0…q2, and one overflow series per metric that overflowed (queue.size, cpu)
        assertThat(store.count("metric_series")).isEqualTo(SMALL.metricSeries() + 2);
        assertThat(store.dictionaries.cardinality()).anySatisfy(c -> {
            assertThat(c.dictionary()).isEqualTo("metricSeries");
            assertThat(c.overflowed()).isEqualTo(8); // q3…q9 and cpu's only series
        });
    }

    @Test
    void forgetUnusedBefore_deletesEntriesNoRecentBatchUsed_andMakesRoomAgain() {
        store = new TestStore(dir, SMALL, clock::get);
        List<Span> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(span("checkout", "old-" + i).trace(1, i + 1).id(i + 1).build());
        }
        store.writer.write(TelemetryBatch.ofSpans(old));
        clock.addAndGet(Duration.ofDays(3).toMillis());
        store.writer.write(TelemetryBatch.ofSpans(List.of(span("checkout", "old-0").trace(2, 1).id(1).build())));
        clock.addAndGet(Duration.ofDays(8).toMillis());
        store.writer.write(TelemetryBatch.ofSpans(List.of(span("checkout", "fresh").trace(3, 1).id(1).build())));
        assertThat(names("span_names", "span_name")).contains(NameDictionary.OVERFLOW).doesNotContain("fresh");

        int forgotten = store.writer.forgetUnusedBefore(Instant.ofEpochMilli(clock.get()).minus(Duration.ofDays(7)));

        // old-1…old-4 were last used 11 days ago; old-0 8 days ago, overflow and the service just now
        assertThat(forgotten).isGreaterThanOrEqualTo(4);
        assertThat(names("span_names", "span_name")).containsExactlyInAnyOrder(NameDictionary.OVERFLOW);
        assertThat(store.dictionaries.spanNames().find("old-1")).isEmpty();
        assertThat(names("services", "service_name")).containsExactly("checkout");

        store.writer.write(TelemetryBatch.ofSpans(List.of(span("checkout", "fresh").trace(4, 1).id(1).build(),
                span("checkout", "old-1").trace(4, 2).id(2).build())));
        assertThat(names("span_names", "span_name")).contains("fresh", "old-1");
        assertThat(store.dictionaries.spanNames().find("old-1")).isPresent();
    }

    private List<String> names(String table, String column) {
        return new JdbcTemplate(store.dataSource).queryForList("SELECT " + column + " FROM " + table, String.class);
    }
}
