package dev.meridian.alerts;

import java.time.Instant;

/** Where one rule (one group of it) stands: an item of {@code GET /api/v1/alerts}. */
public record AlertStatus(String ruleId, String ruleName, String group, AlertState state, Instant since, Double value,
                          Instant evaluatedAt, Evidence evidence) {
}
