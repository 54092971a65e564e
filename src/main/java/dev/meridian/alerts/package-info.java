/**
 * Alerts that bring the evidence: rules on dashboard panel queries (threshold, anomaly, no data), evaluated on the
 * rollups, with states and history kept in the database, and notifications (webhook, e-mail) that carry the slowest
 * or failed traces of the firing window and their error logs.
 */
package dev.meridian.alerts;
