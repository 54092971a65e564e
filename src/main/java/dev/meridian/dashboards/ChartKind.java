package dev.meridian.dashboards;

import java.util.Locale;

/** How a panel draws its query: lines, stacked areas, bars per bucket, or one big number with a sparkline. */
public enum ChartKind {
    LINE, AREA, BAR, STAT;

    /** The lower-case name used in the JSON format. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
