package dev.meridian.storage.retention;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.storage.rollup.RollupCompactor;
import dev.meridian.storage.rollup.RollupSettings;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionJobTest {

    @TempDir
    Path dir;

    @Test
    void purge_deletesOnlyRowsOlderThanTheCutoff() {
        try (TestStore store = new TestStore(dir)) {
            List<Span> spans = new ArrayList<>();
            for (int hour = 0; hour < 10; hour++) {
                for (int i = 0; i < 100; i++) {
                    spans.add(span("a", "op").trace(hour + 1, i + 1).startMs(hour * 3_600_000L + i * 1000L)
                            .attributes("http.route", "/r" + i).build());
                }
            }
            store.writer.write(new TelemetryBatch(spans,
                    List.of(log("a", T0_NANOS, 9, "old", TraceId.INVALID, SpanId.NONE),
                            log("a", T0_NANOS + 9 * 3_600_000L * MS, 9, "new", TraceId.INVALID, SpanId.NONE)),
                    List.of()));
            RetentionJob job = new RetentionJob(store.dataSource, Clock.fixed(T0, ZoneOffset.UTC),
                    new RetentionPolicy(Duration.ofDays(7), Duration.ofMinutes(10), 20, Duration.ofSeconds(30)));

            long deleted = job.purge(T0.plusSeconds(5 * 3600));

            assertThat(store.count("spans")).isEqualTo(500);
            assertThat(store.attributePostings()).isEqualTo(500);
            assertThat(store.count("logs")).isEqualTo(1);
            assertThat(store.count("service_rollup")).isEqualTo(5 * 2); // 100 spans over 100 s: 2 minutes per hour
            assertThat(deleted).isGreaterThanOrEqualTo(500 + 1); // runs and logs; the postings are packed into fewer rows
        }
    }

    @Test
    void purge_deletesServiceMapEdgesOfEveryLevel_likeTheRedRollups() {
        try (TestStore store = new TestStore(dir)) {
            List<Span> spans = new ArrayList<>();
            for (int hour = 0; hour < 10; hour++) { // a calls b at minute 0 of every hour
                spans.add(span("a", "op").trace(hour + 1, 1).id(1).startMs(hour * 3_600_000L).durationMs(20).build());
                spans.add(span("b", "handle").trace(hour + 1, 1).id(2).parent(1).startMs(hour * 3_600_000L + 1)
                        .durationMs(10).build());
            }
            store.writer.write(TelemetryBatch.ofSpans(spans));
            Clock later = Clock.fixed(T0.plusSeconds(11 * 3600), ZoneOffset.UTC);
            new RollupCompactor(store.dataSource, store.dialect, later, RollupSettings.defaults()).compact();
            assertThat(store.count("edge_rollup")).isEqualTo(10);
            assertThat(store.count("edge_rollup_10m")).isEqualTo(10);
            assertThat(store.count("edge_rollup_1h")).isEqualTo(10);
            RetentionJob job = new RetentionJob(store.dataSource, later,
                    new RetentionPolicy(Duration.ofDays(7), Duration.ofMinutes(10), 20, Duration.ofSeconds(30)));

            job.purge(T0.plusSeconds(5 * 3600 + 30 * 60)); // 15:30

            assertThat(store.count("edge_rollup")).isEqualTo(4); // 16:00 … 19:00
            assertThat(store.count("edge_rollup_10m")).isEqualTo(4);
            assertThat(store.count("edge_rollup_1h")).isEqualTo(5); // the hour 15:00 straddles the cutoff
        }
    }

    @Test
    void purge_deletesCoarseRollupBucketsThatEndAtOrBeforeTheCutoff() {
        try (TestStore store = new TestStore(dir)) {
            List<Span> spans = new ArrayList<>();
            for (int hour = 0; hour < 10; hour++) {
                for (int i = 0; i < 100; i++) { // minutes 0 and 1 of every hour
                    spans.add(span("a", "op").trace(hour + 1, i + 1).startMs(hour * 3_600_000L + i * 1000L).build());
                }
            }
            store.writer.write(TelemetryBatch.ofSpans(spans));
            Clock later = Clock.fixed(T0.plusSeconds(11 * 3600), ZoneOffset.UTC);
            new RollupCompactor(store.dataSource, store.dialect, later, RollupSettings.defaults()).compact();
            assertThat(store.count("service_rollup_10m")).isEqualTo(10);
            assertThat(store.count("service_rollup_1h")).isEqualTo(10);
            RetentionJob job = new RetentionJob(store.dataSource, later,
                    new RetentionPolicy(Duration.ofDays(7), Duration.ofMinutes(10), 20, Duration.ofSeconds(30)));

            job.purge(T0.plusSeconds(5 * 3600 + 30 * 60)); // 15:30

            // the 10-minute buckets 10:00 … 15:00 have ended; the hour 15:00 straddles the cutoff and stays
            assertThat(store.count("service_rollup_10m")).isEqualTo(4);
            assertThat(store.count("red_rollup_10m")).isEqualTo(4);
            assertThat(store.count("service_rollup_1h")).isEqualTo(5);
            assertThat(store.count("red_rollup_1h")).isEqualTo(5);
        }
    }

    @Test
    void run_alsoForgetsDictionaryEntriesUnusedForTheRetentionPeriodAndTheMargin() {
        java.util.concurrent.atomic.AtomicLong writerClock = new java.util.concurrent.atomic.AtomicLong(T0.toEpochMilli());
        try (TestStore store = new TestStore(dir, dev.meridian.storage.jdbc.DictionaryLimits.DEFAULTS, writerClock::get)) {
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("gone", "op-of-a-deleted-service").build())));
            writerClock.addAndGet(Duration.ofDays(7).toMillis());
            store.writer.write(TelemetryBatch.ofSpans(List.of(span("kept", "op").trace(2, 2).build())));
            RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(7), Duration.ofMinutes(10), 1000, Duration.ofSeconds(30));
            Clock justAfterThePeriod = Clock.fixed(T0.plus(Duration.ofDays(7)).plusSeconds(3600), ZoneOffset.UTC);

            new RetentionJob(store.dataSource, justAfterThePeriod, policy, store.writer).run();
            assertThat(store.count("services")).as("within the margin").isEqualTo(2);

            Clock afterTheMargin = Clock.fixed(T0.plus(Duration.ofDays(7)).plus(RetentionJob.DICTIONARY_MARGIN).plus(Duration.ofMinutes(11)),
                    ZoneOffset.UTC);
            new RetentionJob(store.dataSource, afterTheMargin, policy, store.writer).run();
            assertThat(store.count("services")).isEqualTo(1);
            assertThat(store.count("span_names")).isEqualTo(1);
            assertThat(store.dictionaries.services().find("gone")).isEmpty();
        }
    }
}
