package dev.meridian.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboards Meridian ships, defined as JSON resources in the export format under {@code /dashboards/}
 * (so each is also an example of the format), stored under fixed ids like any dashboard: editable,
 * deletable, exportable.
 * <p>
 * Provisioning is <b>once</b>: at start, a built-in whose marker row ({@code builtin_dashboards}, V17) is absent
 * is created (unless a dashboard with its id exists) and marked; a user who deletes it does not get it back at
 * the next start (unlike Grafana's file provisioning, which re-creates). {@link #restore} puts the shipped
 * definition back, whether the dashboard was edited or deleted.
 */
@Component
public class BuiltInDashboards {

    /** The RED, status-class and resource dashboard of one service ({@code $service}). */
    public static final String SERVICE_HEALTH = "service-health";
    static final List<String> IDS = List.of(SERVICE_HEALTH);

    private static final Logger log = LoggerFactory.getLogger(BuiltInDashboards.class);

    private final DashboardStore store;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean provision;

    BuiltInDashboards(DashboardStore store, DataSource dataSource, Clock clock,
                      @Value("${meridian.dashboards.provision-built-ins:true}") boolean provision) {
        this.store = store;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.provision = provision;
    }

    /** Whether {@code id} is the id of a built-in dashboard (whether or not it is stored now). */
    public static boolean isBuiltIn(String id) {
        return IDS.contains(id);
    }

    /** The shipped definition of a built-in, as read from its resource; empty when {@code id} is none. */
    public static Optional<Dashboard> shipped(String id) {
        if (!isBuiltIn(id)) {
            return Optional.empty();
        }
        try (InputStream in = BuiltInDashboards.class.getResourceAsStream("/dashboards/" + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the built-in dashboard resource /dashboards/" + id + ".json is missing");
            }
            return Optional.of(DashboardJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void provisionAtStart() {
        if (provision) {
            provision();
        }
    }

    /**
     * Creates each built-in that was never provisioned; idempotent. Returns the ids it created. A built-in that
     * cannot be provisioned (an unreadable row under its id) is logged and skipped: a dashboard must not keep
     * Meridian from starting.
     */
    public List<String> provision() {
        return IDS.stream().filter(id -> {
            try {
                return provisionOne(id);
            } catch (RuntimeException e) {
                log.warn("Could not provision the built-in dashboard {}: {}", id, e.getMessage());
                return false;
            }
        }).toList();
    }

    private boolean provisionOne(String id) {
        if (!jdbc.queryForList("SELECT builtin_id FROM builtin_dashboards WHERE builtin_id = ?", String.class, id).isEmpty()) {
            return false;
        }
        boolean created = false;
        if (store.find(id).isEmpty()) {
            store.put(shipped(id).orElseThrow());
            created = true;
            log.info("Created the built-in dashboard {}", id);
        }
        try {
            jdbc.update("INSERT INTO builtin_dashboards (builtin_id, provisioned_ms) VALUES (?, ?)", id,
                    clock.millis());
        } catch (DuplicateKeyException e) {
            // another instance provisioned it at the same moment: the same definition, harmless
        }
        return created;
    }

    /**
     * Puts the shipped definition of a built-in back under its id, replacing edits or re-creating it after a
     * delete; empty when {@code id} is not a built-in.
     */
    public Optional<Dashboard> restore(String id) {
        return shipped(id).map(store::put);
    }

    @Override
    public String toString() {
        return "BuiltInDashboards" + IDS;
    }
}
