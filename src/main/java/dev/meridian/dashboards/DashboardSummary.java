package dev.meridian.dashboards;

import java.time.Instant;

/** A line of the dashboard list. */
public record DashboardSummary(String id, String title, int panelCount, Instant updatedAt) {
}
