package dev.meridian.alerts;

import java.time.Instant;

/** A change of state of one rule (one group of it): an item of {@code GET /api/v1/alerts/history}. */
public record AlertEvent(long id, String ruleId, String ruleName, String group, AlertState state, Instant at, Double value,
                         Instant windowFrom, Instant windowTo, Evidence evidence) {
}
