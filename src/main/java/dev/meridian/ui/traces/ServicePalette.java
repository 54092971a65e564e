package dev.meridian.ui.traces;

import java.util.List;

/** A fixed palette of service colours, distinguishable on white and readable behind white text. */
public final class ServicePalette {

    static final List<String> COLORS = List.of(
            "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
            "#e377c2", "#bcbd22", "#3949ab", "#00897b", "#6d4c41", "#7cb342");

    private ServicePalette() {
    }

    /** The colour for a service's palette index; indexes past the palette wrap around. */
    public static String color(int index) {
        return COLORS.get(Math.floorMod(index, COLORS.size()));
    }

    public static int size() {
        return COLORS.size();
    }
}
