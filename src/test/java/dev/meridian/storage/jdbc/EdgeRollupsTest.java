package dev.meridian.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testing.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeRollupsTest {

    private static final long MINUTE = 29_000_000L;

    @TempDir
    Path dir;

    private static CallPairing.Call call(int source, int target, long durationMs, boolean error) {
        return new CallPairing.Call(source, target, MINUTE * 60_000_000_000L + 1, durationMs * 1_000_000L, error);
    }

    private static long merge(TestStore store, EdgeRollups edges) throws Exception {
        try (Connection connection = store.dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long dropped = edges.merge(connection, store.dialect);
            connection.commit();
            return dropped;
        }
    }

    @Test
    void merge_addsToTheStoredMinute_andCapsNewEdgesPerMinute() throws Exception {
        try (TestStore store = new TestStore(dir)) {
            EdgeRollups full = new EdgeRollups();
            for (int i = 0; i < EdgeRollups.MAX_EDGES_PER_MINUTE; i++) {
                full.add(call(i, i + 1, 10, false));
            }
            assertThat(merge(store, full)).isZero();

            EdgeRollups more = new EdgeRollups();
            more.add(call(0, 1, 30, true)); // an edge the minute has: merged
            more.add(call(-1, -2, 5, false)); // a new one beyond the cap: dropped, counted
            more.add(call(-1, -2, 5, false));

            assertThat(merge(store, more)).isEqualTo(2);
            assertThat(store.count("edge_rollup")).isEqualTo(EdgeRollups.MAX_EDGES_PER_MINUTE);
            try (Connection connection = store.dataSource.getConnection();
                 var rs = connection.createStatement().executeQuery("SELECT call_count, error_count, histogram FROM edge_rollup"
                         + " WHERE source_service_id = 0 AND target_service_id = 1")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(HistogramCodec.percentileMs(HistogramCodec.decode(rs.getBytes(3)), 100)).isBetween(29.7, 30.3);
            }
        }
    }
}
