/**
 * "Why is it slow": cohort comparison of selected traces (slow or failed) against the other traces of the same
 * service and operation, and one trace against typical traces of its root operation. Plain Java statistics
 * ({@link dev.meridian.query.compare.Cohort}, {@link dev.meridian.query.compare.Separation},
 * {@link dev.meridian.query.compare.SelfTimes}, {@link dev.meridian.query.compare.LogPatterns},
 * {@link dev.meridian.query.compare.PathComparison}), unit-tested without a database; the data comes through
 * {@link dev.meridian.query.compare.CompareQueries}.
 */
package dev.meridian.query.compare;
