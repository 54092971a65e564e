package dev.meridian.alerts;

import dev.meridian.telemetry.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The rule editor's preview: the rule's series over the last {@value #HOURS} hours (one bucket per rule window) and
 * where it would have fired, per group. Anomaly rules learn from the 7 days before as the evaluator does.
 */
public class RulePreview {

    static final int HOURS = 24;

    private final RuleValues values;
    private final Clock clock;

    public RulePreview(RuleValues values, Clock clock) {
        this.values = values;
        this.clock = clock;
    }

    /** The rule's value over the last 24 hours, one point per window, of its first group (for a list's sparkline). */
    public List<AnomalyBand.Sample> sparkline(AlertRule rule) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return values.history(rule.query(), TimeRange.of(end.minus(Duration.ofHours(HOURS)), end), rule.window())
                .values().stream().findFirst().orElse(List.of());
    }

    /** Backtests per group ({@code ""} when the query does not group). */
    public Map<String, Backtest> preview(AlertRule rule) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        TimeRange shown = TimeRange.of(end.minus(Duration.ofHours(HOURS)), end);
        Duration step = rule.window();
        Map<String, List<AnomalyBand.Sample>> series = values.history(rule.query(), shown, step);
        Map<String, List<AnomalyBand.Sample>> history = rule.condition() instanceof Condition.Anomaly
                ? values.history(rule.query(), TimeRange.of(shown.start().minus(AlertEvaluator.ANOMALY_HISTORY), end), step)
                : Map.of();
        Map<String, Backtest> backtests = new java.util.LinkedHashMap<>();
        series.forEach((group, samples) -> backtests.put(group,
                Backtest.run(rule, samples, history.getOrDefault(group, List.of()), step)));
        return backtests;
    }
}
