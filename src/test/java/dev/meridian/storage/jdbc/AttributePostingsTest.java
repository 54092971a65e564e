package dev.meridian.storage.jdbc;

import static dev.meridian.testing.Telemetry.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testing.TestStore;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class AttributePostingsTest {

    @Test
    void rows_packAPostingPerRunAndValue_byBucketAndKeyWindow_andReadBackAsWritten() {
        List<AttributePostings.Posting> postings = new ArrayList<>();
        long key = 40_000L << RowKeys.SEQUENCE_BITS << 20; // far from key zero, so windows start mid-number
        for (int i = 0; i < 5 * AttributePostings.MAX_ROW_POSTINGS; i++) {
            // two buckets, the first and the last, so that some rows reach the most postings a row holds
            long hash = Hashing.attribute("order.id", "o-" + (i % 700)) & 0x01FF_FFFF_FFFF_FFFFL | (i % 2 == 0 ? 0 : -1L << 57);
            long runKey = key + (long) i * RowKeys.RUN_SLOT * 1_000_000L; // crosses several windows
            long start = RowKeys.keyNanos(runKey) - 1_000_000L * (i % 30_000);
            postings.add(new AttributePostings.Posting(hash, runKey, i % 5, 1_000L * i, i % 7 == 0, start, start + i));
        }

        List<BucketRow> rows = AttributePostings.rows(new DetailWriter(), postings);

        Set<String> firstKeys = new HashSet<>();
        List<AttributePostings.Posting> read = new ArrayList<>();
        for (BucketRow row : rows) {
            assertThat(firstKeys.add(row.bucket() + "@" + row.firstKey())).as("the primary key is unique").isTrue();
            assertThat(AttributePostings.windowStart(row.firstKey())).as("a row lies in one window")
                    .isEqualTo(AttributePostings.windowStart(row.lastKey()));
            AttributePostings.decode(row.postings(), row.firstKey(), null, posting -> {
                assertThat(AttributePostings.bucket(posting.hash())).isEqualTo(row.bucket());
                assertThat(posting.runKey()).isBetween(row.firstKey(), row.lastKey());
                read.add(posting);
            });
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(postings);
        long windows = postings.stream().mapToLong(p -> AttributePostings.windowStart(p.runKey())).distinct().count();
        assertThat(windows).as("the test crosses windows").isGreaterThan(1);
        assertThat(rows).as("rows of at most the postings a row holds").hasSizeGreaterThan((int) windows * 2)
                .allSatisfy(row -> assertThat(row.bucket()).isIn(0, 127));
    }

    @Test
    void decode_ofOneHash_returnsOnlyItsPostings() {
        long wanted = Hashing.attribute("http.route", "/cart");
        List<AttributePostings.Posting> postings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long hash = i % 3 == 0 ? wanted : Hashing.attribute("http.route", "/r" + i) & 0x01FF_FFFF_FFFF_FFFFL
                    | wanted & 0xFE00_0000_0000_0000L; // same bucket
            postings.add(new AttributePostings.Posting(hash, (1L << 40) + i * 64L, 1, i, false, 0, 0));
        }
        BucketRow row = AttributePostings.rows(new DetailWriter(), postings).getFirst();
        List<Long> keys = new ArrayList<>();
        AttributePostings.decode(row.postings(), row.firstKey(), wanted, p -> keys.add(p.runKey()));
        assertThat(keys).containsExactlyInAnyOrderElementsOf(
                postings.stream().filter(p -> p.hash() == wanted).map(AttributePostings.Posting::runKey).toList());
    }

    @Test
    void writer_postsWhatTheSpansWithEachValueReachAtMost(@TempDir Path dir) {
        try (TestStore store = new TestStore(dir)) {
            List<Span> spans = List.of(
                    span("shop", "GET /cart").trace(1, 1).id(1).startMs(0).durationMs(100).error("boom")
                            .attributes("http.route", "/cart", "order.id", "o-1").build(),
                    span("shop", "SELECT").trace(1, 1).id(2).parent(1).startMs(20).durationMs(300)
                            .attributes("order.id", "o-1").build(),
                    span("shop", "GET /cart").trace(1, 1).id(3).parent(1).startMs(50).durationMs(40)
                            .attributes("http.route", "/cart").build());
            store.writer.write(TelemetryBatch.ofSpans(spans));

            Map<Long, AttributePostings.Posting> byHash = new HashMap<>();
            new JdbcTemplate(store.dataSource).query("SELECT first_key, postings FROM attribute_postings", rs -> {
                AttributePostings.decode(rs.getBytes(2), rs.getLong(1), null, p -> byHash.put(p.hash(), p));
            });

            assertThat(byHash).hasSize(2);
            AttributePostings.Posting route = byHash.get(Hashing.attribute("http.route", "/cart"));
            assertThat(route.maxDurationNanos()).isEqualTo(100 * MS);
            assertThat(route.error()).isTrue();
            assertThat(route.earliestStartNanos()).isEqualTo(T0_NANOS);
            assertThat(route.latestStartNanos()).isEqualTo(T0_NANOS + 50 * MS);
            AttributePostings.Posting order = byHash.get(Hashing.attribute("order.id", "o-1"));
            assertThat(order.maxDurationNanos()).isEqualTo(300 * MS);
            assertThat(order.error()).isTrue();
            assertThat(order.latestStartNanos()).isEqualTo(T0_NANOS + 20 * MS);
            assertThat(order.runKey()).isEqualTo(route.runKey());
        }
    }
}
