package dev.meridian.dashboards;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Dashboards in the {@code dashboards} table (migration V10), one row each with the export JSON as its
 * definition; title and panel count are copied into columns for the list. Bind parameters only.
 * An update is one conditional statement ({@code WHERE revision = ?}), so two concurrent saves of the
 * same version cannot both win.
 */
@Component
class JdbcDashboardStore implements DashboardStore {

    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcDashboardStore(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public List<DashboardSummary> list() {
        return jdbc.query("SELECT dashboard_id, title, panel_count, updated_ms FROM dashboards ORDER BY LOWER(title), dashboard_id",
                (rs, i) -> new DashboardSummary(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Instant.ofEpochMilli(rs.getLong(4))));
    }

    @Override
    public Optional<Dashboard> find(String id) {
        if (id == null || !Dashboard.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jdbc.query("SELECT definition, revision, updated_ms FROM dashboards WHERE dashboard_id = ?",
                (rs, i) -> DashboardJson.readStored(rs.getString(1)).stored(id, rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3))),
                id).stream().findFirst();
    }

    @Override
    public Dashboard create(Dashboard dashboard) {
        Instant now = clock.instant();
        Dashboard stored = dashboard.withPanelIds().stored(newId(), 1, now).validated();
        jdbc.update("INSERT INTO dashboards (dashboard_id, title, panel_count, definition, revision, created_ms, updated_ms)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", stored.id(), stored.title(), stored.panels().size(),
                DashboardJson.write(stored), stored.version(), now.toEpochMilli(), now.toEpochMilli());
        return stored;
    }

    @Override
    public Optional<Dashboard> update(Dashboard dashboard) {
        Dashboard checked = dashboard.withPanelIds().validated();
        Optional<Long> current = currentRevision(checked.id());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        long base = checked.version() == 0 ? current.get() : checked.version();
        if (base != current.get()) {
            throw new StaleDashboardException(checked.id(), base, current.get());
        }
        Instant now = clock.instant();
        Dashboard stored = checked.stored(checked.id(), base + 1, now);
        int changed = jdbc.update("UPDATE dashboards SET title = ?, panel_count = ?, definition = ?, revision = ?, updated_ms = ?"
                        + " WHERE dashboard_id = ? AND revision = ?", stored.title(), stored.panels().size(),
                DashboardJson.write(stored), stored.version(), now.toEpochMilli(), stored.id(), base);
        if (changed == 0) {
            Optional<Long> after = currentRevision(checked.id());
            if (after.isEmpty()) {
                return Optional.empty();
            }
            throw new StaleDashboardException(checked.id(), base, after.get());
        }
        return Optional.of(stored);
    }

    @Override
    public Dashboard put(Dashboard dashboard) {
        Dashboard checked = dashboard.withPanelIds().validated();
        if (checked.id() == null) {
            throw new InvalidDashboardException("id is required to put a dashboard");
        }
        for (int attempt = 0; ; attempt++) {
            if (attempt > 3) {
                throw new IllegalStateException("dashboard " + checked.id() + " keeps changing; the put gave up");
            }
            Optional<Long> current = currentRevision(checked.id());
            try {
                if (current.isEmpty()) {
                    Instant now = clock.instant();
                    Dashboard stored = checked.stored(checked.id(), 1, now);
                    jdbc.update("INSERT INTO dashboards (dashboard_id, title, panel_count, definition, revision, created_ms,"
                                    + " updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)", stored.id(), stored.title(),
                            stored.panels().size(), DashboardJson.write(stored), stored.version(), now.toEpochMilli(),
                            now.toEpochMilli());
                    return stored;
                }
                Optional<Dashboard> stored = update(checked.stored(checked.id(), current.get(), null));
                if (stored.isPresent()) {
                    return stored.get();
                }
            } catch (StaleDashboardException | org.springframework.dao.DuplicateKeyException e) {
                // someone saved or created it in between: the put wins on the next round
            }
        }
    }

    @Override
    public boolean delete(String id) {
        return id != null && jdbc.update("DELETE FROM dashboards WHERE dashboard_id = ?", id) > 0;
    }

    private Optional<Long> currentRevision(String id) {
        if (id == null || !Dashboard.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT revision FROM dashboards WHERE dashboard_id = ?", Long.class, id).stream().findFirst();
    }

    private static String newId() {
        StringBuilder id = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return "JdbcDashboardStore[dashboards table]";
    }
}
