/**
 * User-built dashboards: the model ({@link dev.meridian.dashboards.Dashboard}, {@link dev.meridian.dashboards.Panel},
 * {@link dev.meridian.dashboards.PanelQuery}), its validation, its JSON import/export format
 * ({@link dev.meridian.dashboards.DashboardJson}) and its persistence ({@link dev.meridian.dashboards.DashboardStore}).
 * Plain Java records; no Vaadin, no HTTP.
 */
package dev.meridian.dashboards;
