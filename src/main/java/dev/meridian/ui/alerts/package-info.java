/** {@code /alerts} and {@code /alerts/{id}}: alert rules, where they stand, and the evidence of a firing rule. */
package dev.meridian.ui.alerts;
