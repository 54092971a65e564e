package dev.meridian.alerts;

import java.util.Locale;

/** Where a rule (or one group of it) stands. */
public enum AlertState {
    OK, PENDING, FIRING, RESOLVED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
