package dev.meridian.alerts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The usual band of a series, learned from its own history: a robust centre (the median) and spread (the median
 * absolute deviation, scaled to a standard deviation), {@code centre ± deviations × spread} wide by the
 * sensitivity. With at least three days of history the band is seasonal: it learns only from the same hour of
 * day (UTC), so a daily rhythm is usual and a deviation at an unusual hour is not. Too little history (fewer
 * than {@link #MIN_SAMPLES} samples) gives no band: an anomaly rule cannot fire yet. Pure, unit tested.
 *
 * @param seasonal whether the band learned from the same hour of day only
 */
public record AnomalyBand(double low, double high, double centre, double spread, boolean seasonal, int samples) {

    static final int MIN_SAMPLES = 12;
    private static final double MAD_TO_SIGMA = 1.4826;

    /** One value of the history. */
    public record Sample(Instant time, double value) {
    }

    /** The band for a value at {@code at}, or null when the history is too short. */
    static AnomalyBand of(List<Sample> history, Instant at, Condition.Sensitivity sensitivity) {
        if (history.size() < MIN_SAMPLES) {
            return null;
        }
        Instant first = history.stream().map(Sample::time).min(Instant::compareTo).orElseThrow();
        boolean seasonal = false;
        List<Sample> learnFrom = history;
        if (!first.isAfter(at.minus(java.time.Duration.ofDays(3)))) {
            int hour = at.atOffset(ZoneOffset.UTC).getHour();
            List<Sample> sameHour = new ArrayList<>();
            for (Sample s : history) {
                if (s.time().atOffset(ZoneOffset.UTC).getHour() == hour) {
                    sameHour.add(s);
                }
            }
            if (sameHour.size() >= 3) {
                learnFrom = sameHour;
                seasonal = true;
            }
        }
        double[] values = learnFrom.stream().mapToDouble(Sample::value).toArray();
        double centre = median(values);
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - centre)).toArray();
        // a perfectly flat history has no spread: allow 5 % of the centre (or a tiny absolute amount) instead
        double spread = Math.max(median(deviations) * MAD_TO_SIGMA, Math.max(Math.abs(centre) * 0.05, 1e-9));
        double width = sensitivity.deviations * spread;
        return new AnomalyBand(centre - width, centre + width, centre, spread, seasonal, values.length);
    }

    boolean outside(double value) {
        return value < low || value > high;
    }

    /** How the band reads in the UI and notifications. */
    String explain() {
        return String.format(java.util.Locale.ROOT, "usual band %.4g … %.4g: median %.4g ± %.1f × robust spread %.4g of %d %s",
                low, high, centre, (high - centre) / spread, spread, samples,
                seasonal ? "samples at this hour of day" : "recent samples");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
