/**
 * The metrics explorer ({@code /metrics}): any OTLP metric by service, with the aggregations its type
 * allows, attribute filters and group-by, all in the URL ({@link dev.meridian.ui.metrics.MetricsView#link});
 * a click or a brushed range on the chart opens the slowest traces of that window.
 */
package dev.meridian.ui.metrics;
