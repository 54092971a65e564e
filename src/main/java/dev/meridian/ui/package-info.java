/**
 * The Vaadin web UI: one package per feature (services, traces, logs, metrics, dashboards), the shared
 * layout and time controls in {@code ui.base}, and the ECharts component in {@code ui.chart}.
 * Only this package imports Vaadin; view logic that can be plain Java is, and is unit-tested.
 */
package dev.meridian.ui;
