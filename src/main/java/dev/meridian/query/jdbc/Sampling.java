package dev.meridian.query.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Uniform samples with a fixed seed (the same data gives the same sample, so a reload shows the same answer). */
final class Sampling {

    private Sampling() {
    }

    /** At most {@code size} of the items, each equally likely, in their original order. */
    static <T> List<T> uniform(List<T> items, int size, long seed) {
        return uniform(items, size, seed, false);
    }

    /**
     * At most {@code size} of the items, each equally likely: in their original order, or ({@code shuffled}) in the
     * random order they were drawn, so that any prefix of the answer is a uniform sample too.
     */
    static <T> List<T> uniform(List<T> items, int size, long seed, boolean shuffled) {
        if (items.size() <= size && !shuffled) {
            return items;
        }
        size = Math.min(size, items.size());
        // a partial Fisher-Yates shuffle of the indexes picks size of them; sorted back to keep the items' order
        int[] index = new int[items.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(index.length - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        int[] picked = Arrays.copyOf(index, size);
        if (!shuffled) {
            Arrays.sort(picked);
        }
        List<T> sample = new ArrayList<>(size);
        for (int i : picked) {
            sample.add(items.get(i));
        }
        return sample;
    }

    /** The nearest-rank percentile ({@code q} in (0, 1]) of the values; 0 when there are none. */
    static double percentileNanos(long[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
