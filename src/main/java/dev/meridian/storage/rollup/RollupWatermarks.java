package dev.meridian.storage.rollup;

import dev.meridian.storage.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The {@code rollup_watermarks} table: read by every rollup query, advanced only by {@link RollupCompactor}. */
public final class RollupWatermarks {

    static final String SELECT = "SELECT level_minutes, done_before_minute FROM rollup_watermarks";

    private RollupWatermarks() {
    }

    /** The current watermarks; {@link Watermarks#NONE} before the first compaction. */
    public static Watermarks read(Connection connection) throws SQLException {
        Watermarks watermarks = Watermarks.NONE;
        try (PreparedStatement select = connection.prepareStatement(SELECT); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                int minutes = rs.getInt(1);
                for (RollupLevel level : RollupLevel.values()) {
                    if (level != RollupLevel.MINUTE && level.minutes() == minutes) {
                        watermarks = watermarks.with(level, rs.getLong(2));
                    }
                }
            }
        }
        return watermarks;
    }

    /** Sets the level's watermark; in the transaction that compacted the buckets below it. */
    static void advance(Connection connection, SqlDialect dialect, RollupLevel level, long doneBefore) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                dialect.upsert("rollup_watermarks", List.of("level_minutes"), List.of("done_before_minute")))) {
            upsert.setInt(1, level.minutes());
            upsert.setLong(2, doneBefore);
            upsert.executeUpdate();
        }
    }
}
