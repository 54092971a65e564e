package dev.meridian.ui.base;

/** A view whose data the auto-refresh reloads; called inside {@code UI.access}, so it may touch components. */
public interface Refreshable {

    /** Re-reads the data for the current time selection and updates only what changed. */
    void refresh();
}
