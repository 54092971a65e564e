/**
 * The logs view ({@code /logs}): search by body text, minimum severity, service and trace id, all in
 * the URL ({@link dev.meridian.ui.logs.LogsView#link}); newest first with paging backwards; expandable
 * details; live tail over server push. Telemetry text is only ever rendered as text.
 */
package dev.meridian.ui.logs;
