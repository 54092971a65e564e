/**
 * The {@code /api/v1} JSON API over {@code query}: services (RED), traces, logs, metrics. Errors are
 * {@code {"error": "..."}} with status 400 (bad parameter) or 404 (unknown id), see {@code ApiErrors}.
 */
package dev.meridian.api;
