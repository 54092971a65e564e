package dev.meridian.alerts;

import dev.meridian.dashboards.PanelQuery;
import java.time.Duration;
import java.util.List;

/**
 * A rule: the {@code query} of a dashboard panel, evaluated over the last {@code window}; it fires once its
 * {@code condition} held for {@code forDuration} (per group, when the query groups), and tells its {@code targets} (the JSON field {@code notify}).
 * {@code id} is null until stored; {@code version} counts updates.
 */
public record AlertRule(String id, String name, PanelQuery query, Condition condition, Duration window,
                        Duration forDuration, List<Notification> targets, long version) {

    public AlertRule {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    AlertRule stored(String newId, long newVersion) {
        return new AlertRule(newId, name, query, condition, window, forDuration, targets, newVersion);
    }

    /** The service whose traces are the evidence; null when the query spans every service. */
    String service() {
        return query.service();
    }

    /** The operation of a RED query, else null. */
    String operation() {
        return query instanceof PanelQuery.Red red ? red.operation() : null;
    }
}
