package dev.meridian.ui.base;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers and times read in the UI: the same everywhere. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    public static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.0f µs", ms * 1000);
    }

    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "–";
        }
        return String.format(Locale.ROOT, fraction > 0 && fraction < 0.001 ? "%.3f %%" : "%.1f %%", fraction * 100);
    }

    public static String rate(double perMinute) {
        if (perMinute >= 100) {
            return String.format(Locale.ROOT, "%.0f/min", perMinute);
        }
        return String.format(Locale.ROOT, "%.1f/min", perMinute);
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static double perMinute(long count, Duration window) {
        double minutes = window.toMillis() / 60_000.0;
        return minutes <= 0 ? 0 : count / minutes;
    }
}
