package dev.meridian.alerts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import tools.jackson.databind.json.JsonMapper;

/** States ({@code alert_states}), history ({@code alert_events}) and deliveries ({@code alert_deliveries}). */
public class AlertStateStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_HISTORY = 1000;

    private final JdbcTemplate jdbc;

    public AlertStateStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    Map<String, GroupState> states(String ruleId) {
        Map<String, GroupState> states = new HashMap<>();
        jdbc.query("SELECT group_key, state, since_ms, breach_since_ms, last_value FROM alert_states WHERE rule_id = ?", rs -> {
            long breach = rs.getLong(4);
            boolean noBreach = rs.wasNull();
            double value = rs.getDouble(5);
            boolean noValue = rs.wasNull();
            states.put(rs.getString(1), new GroupState(AlertState.valueOf(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)),
                    noBreach ? null : Instant.ofEpochMilli(breach), noValue ? null : value));
        }, ruleId);
        return states;
    }

    void save(String ruleId, String group, GroupState state, Evidence evidence, Instant evaluatedAt) {
        String evidenceJson = evidence == null ? null : JSON.writeValueAsString(evidence);
        Object[] values = {state.state().name(), state.since().toEpochMilli(),
                state.breachSince() == null ? null : state.breachSince().toEpochMilli(), finite(state.value()),
                evaluatedAt.toEpochMilli()};
        int rows = evidenceJson == null
                ? jdbc.update("UPDATE alert_states SET state = ?, since_ms = ?, breach_since_ms = ?, last_value = ?, evaluated_ms = ?"
                + " WHERE rule_id = ? AND group_key = ?", values[0], values[1], values[2], values[3], values[4], ruleId, group)
                : jdbc.update("UPDATE alert_states SET state = ?, since_ms = ?, breach_since_ms = ?, last_value = ?, evaluated_ms = ?,"
                + " evidence = ? WHERE rule_id = ? AND group_key = ?", values[0], values[1], values[2], values[3], values[4],
                evidenceJson, ruleId, group);
        if (rows == 0) {
            jdbc.update("INSERT INTO alert_states (rule_id, group_key, state, since_ms, breach_since_ms, last_value, evaluated_ms, evidence)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ruleId, group, values[0], values[1], values[2], values[3], values[4], evidenceJson);
        }
    }

    long appendEvent(AlertRule rule, String group, GroupState state, Instant windowFrom, Instant windowTo, Evidence evidence) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("INSERT INTO alert_events (rule_id, rule_name, group_key, state, at_ms, last_value,"
                    + " window_from_ms, window_to_ms, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"event_id"});
            insert.setString(1, rule.id());
            insert.setString(2, rule.name());
            insert.setString(3, group);
            insert.setString(4, state.state().name());
            insert.setLong(5, state.since().toEpochMilli());
            insert.setObject(6, finite(state.value()));
            insert.setLong(7, windowFrom.toEpochMilli());
            insert.setLong(8, windowTo.toEpochMilli());
            insert.setString(9, evidence == null ? null : JSON.writeValueAsString(evidence));
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    void recordDelivery(long eventId, String target, Instant at, int attempts, boolean delivered, String detail) {
        jdbc.update("INSERT INTO alert_deliveries (event_id, target, at_ms, attempts, delivered, detail) VALUES (?, ?, ?, ?, ?, ?)",
                eventId, abbreviate(target, 2048), at.toEpochMilli(), attempts, delivered, abbreviate(detail, 1024));
    }

    /** Deliveries of one event, oldest first: {@code {target, at, attempts, delivered, detail}}. */
    public List<Map<String, Object>> deliveries(long eventId) {
        return jdbc.query("SELECT target, at_ms, attempts, delivered, detail FROM alert_deliveries WHERE event_id = ? ORDER BY delivery_id",
                (rs, i) -> {
                    Map<String, Object> d = new java.util.LinkedHashMap<>();
                    d.put("target", rs.getString(1));
                    d.put("at", Instant.ofEpochMilli(rs.getLong(2)).toString());
                    d.put("attempts", rs.getInt(3));
                    d.put("delivered", rs.getBoolean(4));
                    d.put("detail", rs.getString(5));
                    return d;
                }, eventId);
    }

    /** Every rule's groups that are not ok, firing first; then the others. */
    public List<AlertStatus> statuses() {
        return jdbc.query("SELECT s.rule_id, r.rule_name, s.group_key, s.state, s.since_ms, s.last_value, s.evaluated_ms, s.evidence"
                        + " FROM alert_states s JOIN alert_rules r ON r.rule_id = s.rule_id"
                        + " ORDER BY CASE s.state WHEN 'FIRING' THEN 0 WHEN 'PENDING' THEN 1 WHEN 'RESOLVED' THEN 2 ELSE 3 END,"
                        + " LOWER(r.rule_name), s.group_key",
                (rs, i) -> {
                    double value = rs.getDouble(6);
                    Double v = rs.wasNull() ? null : value;
                    return new AlertStatus(rs.getString(1), rs.getString(2), rs.getString(3), AlertState.valueOf(rs.getString(4)),
                            Instant.ofEpochMilli(rs.getLong(5)), v, Instant.ofEpochMilli(rs.getLong(7)), evidence(rs.getString(8)));
                });
    }

    /** The history of a rule (all rules when null) in {@code [from, to)}, newest first, at most {@link #MAX_HISTORY}. */
    public List<AlertEvent> history(String ruleId, Instant from, Instant to) {
        String where = ruleId == null ? "" : " AND rule_id = ?";
        Object[] args = ruleId == null ? new Object[] {from.toEpochMilli(), to.toEpochMilli()}
                : new Object[] {from.toEpochMilli(), to.toEpochMilli(), ruleId};
        return jdbc.query("SELECT event_id, rule_id, rule_name, group_key, state, at_ms, last_value, window_from_ms, window_to_ms, evidence"
                        + " FROM alert_events WHERE at_ms >= ? AND at_ms < ?" + where + " ORDER BY at_ms DESC, event_id DESC"
                        + " FETCH FIRST " + MAX_HISTORY + " ROWS ONLY",
                (rs, i) -> {
                    double value = rs.getDouble(7);
                    Double v = rs.wasNull() ? null : value;
                    return new AlertEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            AlertState.valueOf(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)), v,
                            Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)), evidence(rs.getString(10)));
                }, args);
    }

    private static Evidence evidence(String json) {
        return json == null ? Evidence.NONE : JSON.readValue(json, Evidence.class);
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
