package dev.meridian.ui.chart;

import java.time.Instant;
import java.util.List;

/** One named line: a value per bucket start; NaN means no data in that bucket. */
public record TimeSeries(String id, String name, List<Instant> buckets, double[] values) {

    public TimeSeries {
        if (buckets.size() != values.length) {
            throw new IllegalArgumentException("buckets and values differ in length: " + buckets.size() + " vs " + values.length);
        }
    }

    public boolean hasData() {
        for (double value : values) {
            if (!Double.isNaN(value)) {
                return true;
            }
        }
        return false;
    }
}
