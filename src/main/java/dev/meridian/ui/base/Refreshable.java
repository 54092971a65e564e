package dev.meridian.ui.base;

/**
 * A view whose data the auto-refresh reloads. Called inside {@code UI.access}, holding the session lock:
 * it only starts the reads (through a {@link ViewLoader}, which applies the results later) and never
 * queries on the calling thread, so a slow query cannot freeze the tab.
 */
public interface Refreshable {

    /**
     * Starts re-reading the data for the current time selection; the view then updates only what changed.
     * Skips its turn while the previous refresh is still reading.
     */
    void refresh();
}
