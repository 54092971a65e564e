package dev.meridian.ui.logs;

import java.util.Locale;
import java.util.Optional;

/**
 * The six OTLP severity levels. Each covers four OTLP severity numbers ({@code TRACE} is 1–4,
 * {@code DEBUG} 5–8 … {@code FATAL} 21–24); {@link #otlpNumber()} is the lowest of its range, which
 * is what a "minimum severity" filter compares with.
 */
public enum Severity {
    TRACE(1), DEBUG(5), INFO(9), WARN(13), ERROR(17), FATAL(21);

    private final int otlpNumber;

    Severity(int otlpNumber) {
        this.otlpNumber = otlpNumber;
    }

    /** The lowest OTLP severity number of this level. */
    public int otlpNumber() {
        return otlpNumber;
    }

    /** Lower-case CSS-friendly name, e.g. {@code warn}; never derived from telemetry text. */
    public String cssName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level an OTLP severity number falls in; empty for 0 (unspecified) and out-of-range numbers. */
    public static Optional<Severity> ofNumber(int severityNumber) {
        if (severityNumber < 1 || severityNumber > 24) {
            return Optional.empty();
        }
        return Optional.of(values()[(severityNumber - 1) / 4]);
    }

    /**
     * Reads a URL parameter: a level name in any case ({@code warn}, {@code WARNING}, {@code err})
     * or an OTLP number (1–24, mapped to its level). Anything else is empty.
     */
    public static Optional<Severity> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        try {
            return ofNumber(Integer.parseInt(name));
        } catch (NumberFormatException notNumber) {
            return switch (name) {
                case "WARNING" -> Optional.of(WARN);
                case "ERR" -> Optional.of(ERROR);
                case "CRITICAL", "CRIT" -> Optional.of(FATAL);
                default -> {
                    for (Severity severity : values()) {
                        if (severity.name().equals(name)) {
                            yield Optional.of(severity);
                        }
                    }
                    yield Optional.empty();
                }
            };
        }
    }

    /**
     * What a record's severity shows as: the level of its number, or, when the number is unspecified,
     * its severity text if that names a level. Empty when neither says anything.
     */
    public static Optional<Severity> of(int severityNumber, String severityText) {
        Optional<Severity> byNumber = ofNumber(severityNumber);
        return byNumber.isPresent() ? byNumber : parse(severityText).filter(s -> severityText.chars().noneMatch(Character::isDigit));
    }
}
