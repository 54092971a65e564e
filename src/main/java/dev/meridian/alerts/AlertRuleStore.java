package dev.meridian.alerts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rules in {@code alert_rules} (migration V14), one row each with the API JSON as definition. Bind parameters
 * only; deleting a rule deletes its states (its history stays).
 */
public class AlertRuleStore {

    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Evaluation must stay cheap: every rule is evaluated every interval. */
    static final int MAX_RULES = 1000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AlertRuleStore(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    public List<AlertRule> list() {
        return jdbc.query("SELECT rule_id, definition, revision FROM alert_rules ORDER BY LOWER(rule_name), rule_id",
                (rs, i) -> withId(AlertRuleJson.read(rs.getString(2)), rs.getString(1), rs.getLong(3)));
    }

    public Optional<AlertRule> find(String id) {
        if (id == null || !id.matches("[a-z0-9]{1,32}")) {
            return Optional.empty();
        }
        return jdbc.query("SELECT rule_id, definition, revision FROM alert_rules WHERE rule_id = ?",
                (rs, i) -> withId(AlertRuleJson.read(rs.getString(2)), rs.getString(1), rs.getLong(3)), id).stream().findFirst();
    }

    public AlertRule create(AlertRule rule) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM alert_rules", Integer.class);
        if (count != null && count >= MAX_RULES) {
            throw new InvalidAlertRuleException(List.of("there are already " + MAX_RULES + " rules, the most Meridian evaluates"));
        }
        AlertRule stored = rule.stored(newId(), 1);
        long now = clock.millis();
        jdbc.update("INSERT INTO alert_rules (rule_id, rule_name, definition, revision, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?)",
                stored.id(), stored.name(), AlertRuleJson.write(stored), stored.version(), now, now);
        return stored;
    }

    /** Replaces the rule with this id; empty when there is none. */
    public Optional<AlertRule> update(String id, AlertRule rule) {
        Optional<AlertRule> current = find(id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        AlertRule stored = rule.stored(id, current.get().version() + 1);
        int rows = jdbc.update("UPDATE alert_rules SET rule_name = ?, definition = ?, revision = ?, updated_ms = ? WHERE rule_id = ?",
                stored.name(), AlertRuleJson.write(stored), stored.version(), clock.millis(), id);
        // a changed rule starts from ok: its old states answered another question
        jdbc.update("DELETE FROM alert_states WHERE rule_id = ?", id);
        return rows == 0 ? Optional.empty() : Optional.of(stored);
    }

    public boolean delete(String id) {
        jdbc.update("DELETE FROM alert_states WHERE rule_id = ?", id);
        return jdbc.update("DELETE FROM alert_rules WHERE rule_id = ?", id) > 0;
    }

    private static AlertRule withId(AlertRule rule, String id, long version) {
        return rule.stored(id, version);
    }

    private static String newId() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
