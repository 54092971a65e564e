package dev.meridian.alerts;

import static dev.meridian.testing.Telemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.query.jdbc.JdbcLogQueries;
import dev.meridian.query.jdbc.JdbcMetricQueries;
import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.query.jdbc.JdbcTraceQueries;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 rules on three services: one evaluation pass reads each window's service summaries once, not once per rule.
 * Prints how long the pass took (a measurement, not a bound).
 */
class AlertEvaluationCostTest {

    @TempDir
    Path dir;

    @Test
    void fiveHundredRules_readTheRollupsOncePerWindowAndService() {
        Instant now = Instant.now();
        try (TestStore store = new TestStore(dir)) {
            List<Span> spans = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                spans.add(span("service-" + (i % 3), "GET /" + (i % 5)).trace(1, i + 1).id(i + 1)
                        .start(now.minusSeconds(120 + i % 60).toEpochMilli() * 1_000_000L).durationMs(5 + i % 50).build());
            }
            store.writer.write(TelemetryBatch.ofSpans(spans));
            Counting services = new Counting(new JdbcServiceQueries(store.dataSource, store.dictionaries));
            AlertRuleStore rules = new AlertRuleStore(store.dataSource, Clock.systemUTC());
            for (int i = 0; i < 500; i++) {
                PanelQuery.Red query = new PanelQuery.Red("service-" + (i % 3), i % 2 == 0 ? null : "GET /" + (i % 5),
                        RedFigure.values()[i % 5]);
                rules.create(new AlertRule(null, "rule " + i, query, new Condition.Threshold(Condition.Op.ABOVE, 1e9),
                        Duration.ofMinutes(5), Duration.ZERO, List.of(), 0));
            }
            AlertStateStore states = new AlertStateStore(store.dataSource);
            AlertLinks links = new AlertLinks("http://localhost:8080");
            try (AlertNotifier notifier = new AlertNotifier(states, null, "m@localhost", Duration.ofMillis(10), Clock.systemUTC())) {
                AlertEvaluator evaluator = new AlertEvaluator(rules, states,
                        new RuleValues(services, new JdbcMetricQueries(store.dataSource, store.dictionaries)),
                        new EvidenceCollector(new JdbcTraceQueries(store.dataSource, store.dictionaries, TestStore.INDEXED),
                                new JdbcLogQueries(store.dataSource, store.dictionaries), links),
                        notifier, links, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(1));

                long started = System.nanoTime();
                evaluator.evaluateAll();
                long firstPassMillis = (System.nanoTime() - started) / 1_000_000;
                started = System.nanoTime();
                evaluator.evaluateAll();
                System.out.printf("500 rules on 3 services: first pass %d ms (states created), second pass %d ms%n",
                        firstPassMillis, (System.nanoTime() - started) / 1_000_000);
            }
            assertThat(services.services.get()).as("one read of every service's summary per pass").isEqualTo(2);
            assertThat(services.operations.get()).as("one read of a service's operations per pass").isEqualTo(2 * 3);
            assertThat(states.statuses()).hasSize(500).allMatch(s -> s.state() == AlertState.OK && s.value() != null);
        }
    }

    /** Counts the summary reads. */
    static final class Counting implements ServiceQueries {
        final ServiceQueries delegate;
        final AtomicInteger services = new AtomicInteger();
        final AtomicInteger operations = new AtomicInteger();

        Counting(ServiceQueries delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<ServiceSummary> services(TimeRange range) {
            services.incrementAndGet();
            return delegate.services(range);
        }

        @Override
        public List<OperationSummary> operations(String service, TimeRange range) {
            operations.incrementAndGet();
            return delegate.operations(service, range);
        }

        @Override
        public List<RedPoint> series(String service, String operation, TimeRange range, Duration step) {
            return delegate.series(service, operation, range, step);
        }

        @Override
        public List<StatusClassPoint> statusClasses(String service, String operation, TimeRange range, Duration step) {
            return delegate.statusClasses(service, operation, range, step);
        }
    }
}
