package dev.meridian.query.compare;

/** A number as people write it in a URL or a sentence: {@code 500}, not {@code 500.0}; {@code 12.5} as is. */
public final class Decimals {

    private Decimals() {
    }

    public static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
