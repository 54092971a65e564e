package dev.meridian.alerts;

import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Evaluates every rule every {@code meridian.alerts.evaluation-interval} over its window ending at the last whole
 * minute (the rollups of the current minute are still filling), moves each group's state ({@link GroupState}),
 * keeps states and changes in the database, and on firing and resolved sends the notice with the window's evidence.
 * A rule that fails to evaluate (its query refers to nothing, the database is busy) is logged and left as it was;
 * the others go on. Cost per rule: one rollup read for the value, one more over 7 days for an anomaly band, and
 * trace and log searches only when a group starts firing.
 */
public class AlertEvaluator implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    static final Duration ANOMALY_HISTORY = Duration.ofDays(7);

    private final AlertRuleStore rules;
    private final AlertStateStore states;
    private final RuleValues values;
    private final EvidenceCollector evidence;
    private final AlertNotifier notifier;
    private final AlertLinks links;
    private final Clock clock;
    private final Duration interval;

    public AlertEvaluator(AlertRuleStore rules, AlertStateStore states, RuleValues values, EvidenceCollector evidence,
                          AlertNotifier notifier, AlertLinks links, Clock clock, Duration interval) {
        this.rules = rules;
        this.states = states;
        this.values = values;
        this.evidence = evidence;
        this.notifier = notifier;
        this.links = links;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::evaluateAll, interval, interval));
    }

    /** One evaluation of every rule; returns how many groups changed state. */
    public synchronized int evaluateAll() {
        int changes = 0;
        Instant now = clock.instant();
        RuleValues pass = values.onePass();
        for (AlertRule rule : rules.list()) {
            try {
                changes += evaluate(rule, now, pass);
            } catch (RuntimeException e) {
                log.warn("alert rule '{}' ({}) could not be evaluated: {}", rule.name(), rule.id(), e.toString());
            }
        }
        return changes;
    }

    /** The window a rule looks at when evaluated at {@code now}: it ends at the last whole minute. */
    static TimeRange window(AlertRule rule, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        return TimeRange.of(end.minus(rule.window()), end);
    }

    int evaluate(AlertRule rule, Instant now) {
        return evaluate(rule, now, values);
    }

    private int evaluate(AlertRule rule, Instant now, RuleValues values) {
        TimeRange window = window(rule, now);
        Map<String, Double> current = values.values(rule.query(), window);
        Map<String, GroupState> before = states.states(rule.id());
        Map<String, List<AnomalyBand.Sample>> history = rule.condition() instanceof Condition.Anomaly
                ? values.history(rule.query(), TimeRange.of(window.start().minus(ANOMALY_HISTORY), window.start()), rule.window())
                : Map.of();
        Set<String> groups = new HashSet<>(current.keySet());
        groups.addAll(before.keySet());
        if (rule.condition() instanceof Condition.NoData || groups.isEmpty()) {
            groups.add("");
        }
        int changes = 0;
        for (String group : groups) {
            Double value = current.get(group);
            String explanation = null;
            boolean breached = switch (rule.condition()) {
                case Condition.Threshold t -> value != null && t.breached(value);
                case Condition.NoData n -> current.isEmpty();
                case Condition.Anomaly a -> {
                    AnomalyBand band = AnomalyBand.of(history.getOrDefault(group, List.of()), window.start(), a.sensitivity());
                    explanation = band == null ? null : band.explain();
                    yield band != null && value != null && band.outside(value);
                }
            };
            GroupState was = before.getOrDefault(group, GroupState.initial(now));
            GroupState next = was.next(breached, value, now, rule.forDuration());
            Evidence found = null;
            if (next.notifiesAfter(was)) {
                found = next.state() == AlertState.FIRING ? evidence.collect(rule, window) : Evidence.NONE;
                long eventId = states.appendEvent(rule, group, next, window.start(), window.end(), found);
                notifier.send(eventId, rule.targets(), AlertNotice.of(rule, group, next, window.start(), window.end(), found,
                        links, explanation));
                changes++;
            } else if (next.state() != was.state()) {
                states.appendEvent(rule, group, next, window.start(), window.end(), null);
                changes++;
            }
            states.save(rule.id(), group, next, next.state() == AlertState.FIRING ? found : null, now);
        }
        return changes;
    }
}
