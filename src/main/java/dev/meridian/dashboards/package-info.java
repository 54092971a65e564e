/**
 * User-built dashboards: the model ({@link dev.meridian.dashboards.Dashboard}, {@link dev.meridian.dashboards.Panel},
 * {@link dev.meridian.dashboards.PanelQuery}), its validation, its JSON import/export format
 * ({@link dev.meridian.dashboards.DashboardJson}), its persistence ({@link dev.meridian.dashboards.DashboardStore}),
 * dashboard variables and their pure substitution into panels ({@link dev.meridian.dashboards.Variables}), and the
 * built-in dashboards shipped as JSON resources ({@link dev.meridian.dashboards.BuiltInDashboards}).
 * Plain Java records; no Vaadin, no HTTP.
 */
package dev.meridian.dashboards;
