package dev.meridian.dashboards;

import java.util.List;
import java.util.Optional;

/**
 * Where dashboards live. Every method returns after its change is committed. Writes validate first
 * and throw {@link InvalidDashboardException} without storing anything.
 */
public interface DashboardStore {

    /** Every dashboard, by title (case-insensitive), then id. */
    List<DashboardSummary> list();

    /** The dashboard with this id; empty when there is none. */
    Optional<Dashboard> find(String id);

    /**
     * Stores a new dashboard under a fresh id (the given id is ignored), at version 1; panels without
     * ids get ones. Returns what was stored.
     */
    Dashboard create(Dashboard dashboard);

    /**
     * Replaces the dashboard with {@code dashboard.id()}. Its {@code version} is the version the edit
     * is based on: when the stored one differs, nothing changes and {@link StaleDashboardException} is
     * thrown; a version of 0 skips the check (a plain overwrite, e.g. an API PUT without a version).
     * Returns the stored dashboard (version + 1); empty when there is no such dashboard.
     */
    Optional<Dashboard> update(Dashboard dashboard);

    /**
     * Stores the dashboard under its own {@code dashboard.id()}, replacing whatever is stored there without a
     * version check (version = stored + 1, or 1 when there was none); panels without ids get ones. This is how a
     * built-in dashboard is created and restored. Returns what was stored.
     */
    Dashboard put(Dashboard dashboard);

    /** Deletes it; false when there was none. */
    boolean delete(String id);
}
