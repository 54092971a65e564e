/**
 * "Why is it slow" views: {@code /compare} (selected traces against the others of their service and operation) and
 * {@code /compare/traces/{traceId}} (one trace against typical traces of its root operation). Reached from the trace
 * search, the service view and the trace view through {@link dev.meridian.ui.base.CompareLinks}.
 */
package dev.meridian.ui.compare;
