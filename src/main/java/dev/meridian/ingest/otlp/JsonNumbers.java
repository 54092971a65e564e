package dev.meridian.ingest.otlp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Numbers of OTLP/JSON (JSON number tokens, or the same text inside a string) in time bounded by their length.
 *
 * <p>Why: {@code new BigDecimal("1e400000000").toBigIntegerExact()} builds a number of 400 million digits and
 * keeps a core busy for minutes; a 300-byte request must not do that. So the text is checked against the JSON
 * number grammar and a length limit first, and an integer's magnitude is read from its precision and scale
 * before any exponent is expanded. A number that cannot be represented in its field is an
 * {@link IllegalArgumentException} (the request is malformed, as protobuf's own JSON parser says too).
 */
final class JsonNumbers {

    /** Far longer than any number a client prints (a double needs at most 25 characters). */
    static final int MAX_LENGTH = 256;
    /** Integer digits of the largest value any OTLP field holds (2^64 - 1 has 20). */
    private static final int MAX_INTEGER_DIGITS = 20;
    private static final Pattern GRAMMAR = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    private JsonNumbers() {
    }

    /** The exact integer {@code text} denotes ({@code "12"}, {@code "1e3"}, {@code "12.0"}); no fraction allowed. */
    static BigInteger integer(String text, String field) {
        if (text.length() <= 20 && isPlainDigits(text)) {
            try {
                return BigInteger.valueOf(Long.parseLong(text)); // the common case (times have 19 digits): no BigDecimal
            } catch (NumberFormatException beyondLong) {
                return new BigInteger(text); // up to 20 digits: cheap
            }
        }
        BigDecimal value = parse(text, field);
        if (value.signum() == 0) {
            return BigInteger.ZERO;
        }
        // digits before the decimal point, known without expanding the exponent
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("'" + field + "' is out of range: " + abbreviate(text));
        }
        if (value.scale() > 0) {
            value = value.stripTrailingZeros(); // at most one step per digit of the text
            if (value.scale() > 0) {
                throw new IllegalArgumentException("'" + field + "' must be an integer, was " + abbreviate(text));
            }
        }
        return value.toBigIntegerExact(); // scale >= -20 here: a small multiplication
    }

    /** A double; {@code NaN} and the infinities by name (as the protobuf JSON mapping writes them). */
    static double decimal(String text, String field) {
        switch (text) {
            case "NaN" -> {
                return Double.NaN;
            }
            case "Infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                checkSyntax(text, field);
                double value = Double.parseDouble(text); // bounded: exponents saturate to infinity or zero
                if (Double.isInfinite(value)) {
                    throw new IllegalArgumentException("'" + field + "' is out of range for a double: " + abbreviate(text));
                }
                return value;
            }
        }
    }

    private static BigDecimal parse(String text, String field) {
        checkSyntax(text, field);
        return new BigDecimal(text); // linear in the (bounded) length; the exponent is only stored as a scale
    }

    private static void checkSyntax(String text, String field) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("'" + field + "' is a number of " + text.length() + " characters (at most "
                    + MAX_LENGTH + " are accepted): " + abbreviate(text));
        }
        if (!GRAMMAR.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + field + "' is not a number: " + abbreviate(text));
        }
        int exponent = Math.max(text.indexOf('e'), text.indexOf('E'));
        if (exponent >= 0 && text.length() - exponent > 12) {
            // BigDecimal refuses exponents beyond an int anyway; say so plainly
            throw new IllegalArgumentException("'" + field + "' is out of range: " + abbreviate(text));
        }
    }

    private static boolean isPlainDigits(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
