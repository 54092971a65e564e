package dev.meridian.query.compare;

import java.util.regex.Pattern;

/**
 * A log message's pattern: the message with what varies between occurrences masked, so that
 * "orders lookup took 2400 ms on replica-3" and "… took 2150 ms …" count as one message. Quoted strings,
 * UUIDs, hex ids (8+ hex digits with a digit among them), and numbers (with their decimals) become
 * {@code <str>}, {@code <uuid>}, {@code <hex>} and {@code <num>}; whitespace runs become one space.
 */
public final class LogPatterns {

    /** Longer bodies are cut before masking: a pattern is for grouping, not for reading a stack trace. */
    static final int MAX_CHARS = 300;

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b(?:0x)?(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b");
    /** Digits also inside words ("replica-3", "user42"), as ids are often glued to a name. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)*");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private LogPatterns() {
    }

    public static String pattern(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.length() > MAX_CHARS ? body.substring(0, MAX_CHARS) : body;
        text = QUOTED.matcher(text).replaceAll("<str>");
        text = UUID.matcher(text).replaceAll("<uuid>");
        text = HEX.matcher(text).replaceAll("<hex>");
        text = NUMBER.matcher(text).replaceAll("<num>");
        return SPACE.matcher(text).replaceAll(" ").trim();
    }

    /**
     * The longest literal stretch of a pattern (between placeholders), trimmed: a substring every message of the
     * pattern contains, for a text search of the logs.
     */
    public static String longestLiteral(String pattern) {
        String best = "";
        for (String part : pattern.split("<(?:str|uuid|hex|num)>")) {
            String trimmed = part.trim();
            if (trimmed.length() > best.length()) {
                best = trimmed;
            }
        }
        return best;
    }
}
