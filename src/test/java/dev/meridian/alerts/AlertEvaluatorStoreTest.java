package dev.meridian.alerts;

import static dev.meridian.testing.Telemetry.attrs;
import static dev.meridian.testing.Telemetry.gauge;
import static dev.meridian.testing.Telemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.jdbc.JdbcLogQueries;
import dev.meridian.query.jdbc.JdbcMetricQueries;
import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.query.jdbc.JdbcTraceQueries;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluator on stored rollups: an anomaly rule on a week of a seasonal series (busy by day, quiet by night)
 * stays ok through the daily rhythm and fires on an injected deviation; a metric rule with group-by fires per group.
 */
class AlertEvaluatorStoreTest {

    /** The current whole hour: by night the deviation below is daytime traffic, which only a seasonal band flags. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);

    @TempDir
    Path dir;
    TestStore store;
    AlertRuleStore rules;
    AlertStateStore states;
    AlertEvaluator evaluator;

    @BeforeEach
    void open() {
        store = new TestStore(dir);
        rules = new AlertRuleStore(store.dataSource, Clock.systemUTC());
        states = new AlertStateStore(store.dataSource);
        AlertLinks links = new AlertLinks("http://localhost:8080");
        evaluator = new AlertEvaluator(rules, states,
                new RuleValues(new JdbcServiceQueries(store.dataSource, store.dictionaries),
                        new JdbcMetricQueries(store.dataSource, store.dictionaries)),
                new EvidenceCollector(new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED),
                        new JdbcLogQueries(store.dataSource, store.dictionaries), links),
                new AlertNotifier(states, null, "m@localhost", Duration.ofMillis(10), Clock.systemUTC()), links,
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Requests per 10 minutes at {@code t}: 60 by day (08–20 UTC), 6 by night, ±10 %. */
    static int usual(Instant t, Random noise) {
        int hour = t.atOffset(ZoneOffset.UTC).getHour();
        return (int) Math.round((hour >= 8 && hour < 20 ? 60 : 6) * (1 + 0.1 * noise.nextGaussian()));
    }

    /** Spans of a week of the seasonal rhythm before {@code until}, then {@code lastBucket} requests in its last 10 min. */
    void storeWeek(Instant until, int lastBucket) {
        Random noise = new Random(11);
        List<Span> spans = new ArrayList<>();
        int id = 0;
        Instant last = until.minus(Duration.ofMinutes(10));
        for (Instant t = until.minus(Duration.ofDays(7)); t.isBefore(until); t = t.plus(Duration.ofMinutes(10))) {
            int requests = t.equals(last) ? lastBucket : usual(t, noise);
            for (int i = 0; i < requests; i++) {
                id++;
                spans.add(span("shop", "GET /").trace(7, id).id(id).start(t.plusSeconds(i % 600).toEpochMilli() * 1_000_000L)
                        .durationMs(20).build());
            }
        }
        store.writer.write(TelemetryBatch.ofSpans(spans));
    }

    AlertRule throughputAnomaly() {
        return rules.create(new AlertRule(null, "shop traffic", new PanelQuery.Red("shop", null, RedFigure.THROUGHPUT),
                new Condition.Anomaly(Condition.Sensitivity.MEDIUM), Duration.ofMinutes(10), Duration.ZERO, List.of(), 0));
    }

    @Test
    void anomalyRule_followsTheDailyRhythm_andFiresOnADeviation() {
        Random noise = new Random(99);
        int usualNow = usual(NOW.minus(Duration.ofMinutes(10)), noise);
        storeWeek(NOW, usualNow);
        AlertRule rule = throughputAnomaly();

        evaluator.evaluate(rule, NOW);
        assertThat(states.states(rule.id()).get("").state()).as("the usual traffic of this hour").isEqualTo(AlertState.OK);

        // the same week, but the last 10 minutes carry ten times the traffic of that hour
        rules.delete(rule.id());
        store.close();
        store = new TestStore(dir.resolve("deviation"));
        open();
        storeWeek(NOW, usualNow * 10);
        AlertRule again = throughputAnomaly();
        evaluator.evaluate(again, NOW);
        assertThat(states.states(again.id()).get("").state()).as("ten times the usual traffic").isEqualTo(AlertState.FIRING);
    }

    @Test
    void metricRuleWithGroupBy_firesPerGroup() {
        List<MetricPoint> points = new ArrayList<>();
        for (int minute = 1; minute <= 5; minute++) {
            long t = NOW.minus(Duration.ofMinutes(minute)).toEpochMilli() * 1_000_000L;
            points.add(gauge("shop", "queue.depth", t, 900, attrs("queue", "orders")));
            points.add(gauge("shop", "queue.depth", t, 3, attrs("queue", "emails")));
        }
        store.writer.write(new TelemetryBatch(List.of(), List.of(), points));
        AlertRule rule = rules.create(new AlertRule(null, "queue depth", new PanelQuery.Metric("queue.depth", "shop",
                MetricAggregation.AVG, Map.of(), List.of("queue")), new Condition.Threshold(Condition.Op.ABOVE, 100),
                Duration.ofMinutes(5), Duration.ZERO, List.of(), 0));

        evaluator.evaluate(rule, NOW);

        Map<String, GroupState> groups = states.states(rule.id());
        assertThat(groups.get("queue=orders").state()).isEqualTo(AlertState.FIRING);
        assertThat(groups.get("queue=orders").value()).isEqualTo(900);
        assertThat(groups.get("queue=emails").state()).isEqualTo(AlertState.OK);
    }
}
