package dev.meridian.dashboards;

/**
 * One chart of a dashboard. {@code width} is in columns of a four-column grid (1 = a quarter of the
 * row, 4 = the whole row); narrow screens stack panels whatever their width.
 */
public record Panel(String id, String title, PanelQuery query, int width, ChartKind kind) {

    public static final int MIN_WIDTH = 1;
    public static final int MAX_WIDTH = 4;

    public Panel {
        title = title == null ? "" : title.strip();
        kind = kind == null ? ChartKind.LINE : kind;
    }

    public Panel withId(String newId) {
        return new Panel(newId, title, query, width, kind);
    }
}
