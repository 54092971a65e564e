package dev.meridian.storage.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The attribute side index ({@code attribute_postings}, V23): for each run and each allow-listed attribute value
 * of its spans, a posting with what those spans reach at most (longest duration, an error, earliest and latest
 * start), so a search orders candidate runs without reading them.
 * <p>
 * Postings are packed into rows by hash bucket (the top bits of the value's hash) and by window of run keys
 * ({@link #WINDOW_KEYS}): one transaction writes a row per bucket and window it touches (more when it has more than
 * {@link #MAX_ROW_POSTINGS} postings there), at the end of each bucket's key range; {@link PostingsCompactor}
 * merges the small rows of a window once it has closed. A B-tree keyed by the hash took an insert at a random place
 * per run and value, and H2 rewrote leaf pages across the whole index at every commit: under a fleet's load that
 * was most of the file's garbage and 40 % of the ingest throughput (issue 6). A lookup reads one bucket's rows of
 * the windows it needs and keeps the postings of its hash.
 */
public final class AttributePostings {

    static final int BUCKET_BITS = 7;
    /** Run keys per window (about 9 minutes): a row's postings lie in one window, so a lookup knows where to start. */
    static final long WINDOW_KEYS = 1L << 39;
    /** About 100 KB: a large transaction or the migration of a large index writes several rows per bucket and window. */
    static final int MAX_ROW_POSTINGS = 4096;

    private AttributePostings() {
    }

    /**
     * What the spans of one run with one attribute value reach at most.
     *
     * @param hash               {@link Hashing#attribute} of the key and value
     * @param runKey             the run's first key
     * @param error              whether one of those spans failed
     * @param earliestStartNanos the earliest start of those spans
     * @param latestStartNanos   the latest start of those spans
     */
    public record Posting(long hash, long runKey, int serviceId, long maxDurationNanos, boolean error,
                          long earliestStartNanos, long latestStartNanos) {

        /** This posting widened by one more span with the same value. */
        Posting with(long durationNanos, boolean spanError, long startNanos) {
            return new Posting(hash, runKey, serviceId, Math.max(maxDurationNanos, durationNanos), error || spanError,
                    Math.min(earliestStartNanos, startNanos), Math.max(latestStartNanos, startNanos));
        }
    }

    /** The insert of a row, without its VALUES: bind with {@link BucketRow#bind}. */
    static final String INSERT = "INSERT INTO attribute_postings (bucket, first_key, last_key, postings)";

    static int bucket(long hash) {
        return (int) (hash >>> (64 - BUCKET_BITS));
    }

    static long windowStart(long key) {
        return Math.floorDiv(key, WINDOW_KEYS) * WINDOW_KEYS;
    }

    private static final Comparator<Posting> ROW_ORDER = Comparator.comparingLong(Posting::hash)
            .thenComparingLong(Posting::runKey);

    /** The rows that hold {@code postings}: one per bucket and window, more where one holds too many. */
    static List<BucketRow> rows(DetailWriter writer, Collection<Posting> postings) {
        Map<Long, Map<Integer, List<Posting>>> byWindow = BucketRow.byWindowAndBucket(postings,
                posting -> windowStart(posting.runKey()), posting -> bucket(posting.hash()));
        List<BucketRow> rows = new ArrayList<>();
        byWindow.values().forEach(buckets -> buckets.forEach((bucket, inWindow) -> {
            // cut where the run key changes, so that rows hold distinct runs and their first keys differ
            inWindow.sort(Comparator.comparingLong(Posting::runKey));
            for (int from = 0; from < inWindow.size(); ) {
                int to = Math.min(inWindow.size(), from + MAX_ROW_POSTINGS);
                while (to < inWindow.size() && inWindow.get(to).runKey() == inWindow.get(to - 1).runKey()) {
                    to++;
                }
                List<Posting> inRow = new ArrayList<>(inWindow.subList(from, to));
                long first = inRow.getFirst().runKey();
                long last = inRow.getLast().runKey();
                inRow.sort(ROW_ORDER);
                rows.add(new BucketRow(bucket, first, last, encode(writer, inRow, first)));
                from = to;
            }
        }));
        return rows;
    }

    static byte[] encode(DetailWriter writer, List<Posting> postings, long firstKey) {
        writer.reset();
        writer.writeVarInt(postings.size());
        long previousKey = firstKey;
        for (Posting posting : postings) {
            writer.writeFixedLong(posting.hash());
            writer.writeSignedVarLong(posting.runKey() - previousKey);
            previousKey = posting.runKey();
            writer.writeVarInt(posting.serviceId());
            writer.writeVarLong(posting.maxDurationNanos());
            writer.writeByte(posting.error() ? 1 : 0);
            // a run's starts lie within 30 s before its key time: a few bytes
            writer.writeSignedVarLong(RowKeys.keyNanos(posting.runKey()) - posting.earliestStartNanos());
            writer.writeSignedVarLong(posting.latestStartNanos() - posting.earliestStartNanos());
        }
        return writer.bytes();
    }

    /** Each posting of a row, or with {@code onlyHash} not null only those of that hash (the row is sorted by it). */
    public static void decode(byte[] bytes, long firstKey, Long onlyHash, Consumer<Posting> each) {
        DetailReader reader = new DetailReader(bytes);
        int count = reader.readVarInt();
        long key = firstKey;
        for (int i = 0; i < count; i++) {
            long hash = reader.readFixedLong();
            key += reader.readSignedVarLong();
            int serviceId = reader.readVarInt();
            long maxDuration = reader.readVarLong();
            boolean error = reader.readByte() != 0;
            long earliest = RowKeys.keyNanos(key) - reader.readSignedVarLong();
            long latest = earliest + reader.readSignedVarLong();
            if (onlyHash != null && hash > onlyHash) {
                return;
            }
            if (onlyHash == null || hash == onlyHash) {
                each.accept(new Posting(hash, key, serviceId, maxDuration, error, earliest, latest));
            }
        }
    }

    /** Each posting of {@code hash} whose run key lies in {@code [fromKey, toKey)}. */
    public static void forEach(JdbcTemplate jdbc, long hash, long fromKey, long toKey, Consumer<Posting> each) {
        jdbc.query("SELECT first_key, postings FROM attribute_postings WHERE bucket = ? AND first_key >= ?"
                        + " AND first_key < ? AND last_key >= ? ORDER BY first_key",
                rs -> {
                    decode(rs.getBytes(2), rs.getLong(1), hash, posting -> {
                        if (posting.runKey() >= fromKey && posting.runKey() < toKey) {
                            each.accept(posting);
                        }
                    });
                }, bucket(hash), windowStart(fromKey), toKey, fromKey);
    }

    /**
     * Deletes the rows whose key windows end at or before {@code cutoffKey}, a window of a bucket per statement,
     * until {@code deadline} ({@link System#nanoTime}); a row of the window that holds the cutoff stays until the
     * window has passed. Returns how many rows.
     */
    public static long deleteBefore(JdbcTemplate jdbc, long cutoffKey, long deadline) {
        long deleted = 0;
        long end = windowStart(cutoffKey);
        for (int bucket = 0; bucket < 1 << BUCKET_BITS && System.nanoTime() < deadline; bucket++) {
            // the first row of an index scan: H2 answers MIN(first_key) with a WHERE clause by reading the bucket's keys
            List<Long> first = jdbc.queryForList("SELECT first_key FROM attribute_postings WHERE bucket = ?"
                    + " ORDER BY bucket, first_key LIMIT 1", Long.class, bucket);
            for (long from = first.isEmpty() ? end : windowStart(first.getFirst()); from < end && System.nanoTime() < deadline;
                 from += WINDOW_KEYS) {
                deleted += jdbc.update("DELETE FROM attribute_postings WHERE bucket = ? AND first_key >= ? AND first_key < ?",
                        bucket, from, from + WINDOW_KEYS);
            }
        }
        return deleted;
    }
}
