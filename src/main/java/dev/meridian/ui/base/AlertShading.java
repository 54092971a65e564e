package dev.meridian.ui.base;

import dev.meridian.alerts.AlertEvent;
import dev.meridian.alerts.AlertRule;
import dev.meridian.alerts.AlertRuleStore;
import dev.meridian.alerts.AlertStateStore;
import dev.meridian.alerts.FiringWindows;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * When alert rules on a chart's series were firing, as shaded spans for that chart: read once per view load (the
 * rules and a week of their history), then asked per chart. Off the session lock. {@link #NONE} when alerts are
 * not available.
 */
public final class AlertShading {

    public static final AlertShading NONE = new AlertShading(List.of(), List.of(), null);

    private final List<AlertRule> rules;
    private final List<AlertEvent> history;
    private final TimeRange range;

    private AlertShading(List<AlertRule> rules, List<AlertEvent> history, TimeRange range) {
        this.rules = rules;
        this.history = history;
        this.range = range;
    }

    /** Reads the rules and their history around {@code range} (from a week before: a rule may have fired earlier). */
    public static AlertShading read(AlertRuleStore rules, AlertStateStore states, TimeRange range) {
        if (rules == null || states == null) {
            return NONE;
        }
        List<AlertRule> all = rules.list();
        if (all.isEmpty()) {
            return NONE;
        }
        return new AlertShading(all, states.history(null, range.start().minus(Duration.ofDays(7)), range.end().plusSeconds(1)),
                range);
    }

    /** From rules and history already read. */
    static AlertShading of(List<AlertRule> rules, List<AlertEvent> history, TimeRange range) {
        return new AlertShading(rules, history, range);
    }

    /** Spans during which a rule of {@code service} (any query of it) was firing. */
    public List<ChartOptions.Shaded> forService(String service) {
        return spans(rule -> service.equals(rule.query().service()));
    }

    /** Spans during which a rule watching the same series as {@code panel} was firing. */
    public List<ChartOptions.Shaded> forPanel(PanelQuery panel) {
        return spans(rule -> sameSeries(panel, rule.query()));
    }

    /** The same query, or a percentile rule under a panel that draws all three percentiles of that RED. */
    static boolean sameSeries(PanelQuery panel, PanelQuery rule) {
        if (panel.equals(rule)) {
            return true;
        }
        return panel instanceof PanelQuery.Red p && rule instanceof PanelQuery.Red r && p.figure() == RedFigure.LATENCY_ALL
                && java.util.Objects.equals(p.service(), r.service()) && java.util.Objects.equals(p.operation(), r.operation())
                && Set.of(RedFigure.P50, RedFigure.P95, RedFigure.P99).contains(r.figure());
    }

    private List<ChartOptions.Shaded> spans(Predicate<AlertRule> watches) {
        if (range == null) {
            return List.of();
        }
        Set<String> ids = rules.stream().filter(watches).map(AlertRule::id).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return List.of();
        }
        return FiringWindows.of(history, ids, range).stream()
                .map(w -> new ChartOptions.Shaded("firing: " + w.ruleName() + (w.group().isEmpty() ? "" : " [" + w.group() + "]"),
                        w.start(), w.end())).toList();
    }
}
