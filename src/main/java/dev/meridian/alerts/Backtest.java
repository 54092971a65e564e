package dev.meridian.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a rule would have fired: its condition replayed over a series, one evaluation per bucket, through the same
 * state machine as the evaluator ({@link GroupState}, with the rule's {@code for}). For the rule editor's preview
 * before saving. Pure, unit tested.
 *
 * @param points   the series with, per bucket, the threshold or the band and whether the condition held
 * @param firings  the moments the rule would have started firing
 */
public record Backtest(List<Point> points, List<Instant> firings) {

    /** One bucket: its value, the line(s) it is judged against (NaN when none), and whether the condition held. */
    public record Point(Instant time, double value, double low, double high, boolean breached) {
    }

    /**
     * Replays {@code rule} over {@code series} (bucket start, value), evaluating at the end of each bucket of
     * {@code step}. An anomaly rule judges each bucket against the band learned from {@code history} (the series
     * before and during the replay) up to that bucket.
     */
    static Backtest run(AlertRule rule, List<AnomalyBand.Sample> series, List<AnomalyBand.Sample> history, Duration step) {
        List<Point> points = new ArrayList<>();
        List<Instant> firings = new ArrayList<>();
        GroupState state = null;
        for (AnomalyBand.Sample sample : series) {
            Instant evaluatedAt = sample.time().plus(step);
            double low = Double.NaN;
            double high = Double.NaN;
            boolean breached;
            switch (rule.condition()) {
                case Condition.Threshold t -> {
                    low = t.op() == Condition.Op.BELOW ? t.value() : Double.NaN;
                    high = t.op() == Condition.Op.ABOVE ? t.value() : Double.NaN;
                    breached = t.breached(sample.value());
                }
                case Condition.Anomaly a -> {
                    List<AnomalyBand.Sample> before = history.stream().filter(h -> h.time().isBefore(sample.time())).toList();
                    AnomalyBand band = AnomalyBand.of(before, sample.time(), a.sensitivity());
                    if (band != null) {
                        low = band.low();
                        high = band.high();
                    }
                    breached = band != null && band.outside(sample.value());
                }
                case Condition.NoData n -> breached = false; // a bucket with a value has data
            }
            GroupState before = state == null ? GroupState.initial(evaluatedAt) : state;
            state = before.next(breached, sample.value(), evaluatedAt, rule.forDuration());
            if (state.state() == AlertState.FIRING && before.state() != AlertState.FIRING) {
                firings.add(evaluatedAt);
            }
            points.add(new Point(sample.time(), sample.value(), low, high, breached));
        }
        return new Backtest(points, firings);
    }
}
