package dev.meridian.alerts;

import java.util.Locale;

/** When a rule's value is bad. */
public sealed interface Condition {

    /** How the condition reads, e.g. "above 0.05". */
    String describe();

    enum Op { ABOVE, BELOW }

    /** The value is above (or below) a fixed {@code value}. */
    record Threshold(Op op, double value) implements Condition {
        boolean breached(double actual) {
            return op == Op.ABOVE ? actual > value : actual < value;
        }

        @Override
        public String describe() {
            return op.name().toLowerCase(Locale.ROOT) + " " + value;
        }
    }

    enum Sensitivity {
        /** fires only far outside the usual spread */
        LOW(6),
        MEDIUM(4),
        HIGH(3);

        /** Width of the band in robust standard deviations on each side of the centre. */
        final double deviations;

        Sensitivity(double deviations) {
            this.deviations = deviations;
        }
    }

    /** The value is outside the band learned from the series' own history (see {@link AnomalyBand}). */
    record Anomaly(Sensitivity sensitivity) implements Condition {
        @Override
        public String describe() {
            return "outside the usual band (" + sensitivity.name().toLowerCase(Locale.ROOT) + " sensitivity)";
        }
    }

    /** The query returned no data in the window. */
    record NoData() implements Condition {
        @Override
        public String describe() {
            return "no data";
        }
    }
}
