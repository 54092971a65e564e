package dev.meridian.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The write-ahead log of accepted requests ({@code meridian.ingest-log.*}), in {@code <data-dir>/ingest-log}.
 *
 * @param enabled      acknowledge requests once the log synced them (true), or only after the database synced
 *                     their commit (false: one database sync per write, several times slower)
 * @param segmentSize  the log rolls to a new file after this size
 * @param syncInterval how often the database is synced and the log truncated behind it; also about how much
 *                     log a restart after a crash replays. At most 15 s: the H2 URL lets MVStore reuse chunks
 *                     superseded 20 s ago ({@code RETENTION_TIME=20000}), which is safe only when a sync came between
 * @param syncSize     sync and truncate sooner when the log is larger than this
 */
@ConfigurationProperties("meridian.ingest-log")
public record IngestLogProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("64MB") DataSize segmentSize,
                                  @DefaultValue("10s") Duration syncInterval,
                                  @DefaultValue("512MB") DataSize syncSize) {

    public IngestLogProperties {
        if (syncInterval.isNegative() || syncInterval.isZero() || syncInterval.compareTo(Duration.ofSeconds(15)) > 0) {
            throw new IllegalArgumentException("meridian.ingest-log.sync-interval must be between 1 ms and 15 s"
                    + " (H2 reuses file space superseded 20 s ago), was " + syncInterval);
        }
    }
}
