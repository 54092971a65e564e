package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each trace's runs are (V26): a posting {@code (trace id, run key)} per run, in two levels, so that no
 * insert lands at a random place of a B-tree as large as the data (the former index on {@code span_runs (trace_hi)}
 * rewrote a leaf per run at every commit once it outgrew the page cache: an hour at 50,000 spans/s brought full
 * collections from minute 10 on, issue 6).
 * <ul>
 *   <li><b>Recent</b> ({@code trace_index_recent}): a writer transaction adds a row per bucket of {@value
 *   #RECENT_BUCKET_BITS} bits of the trace id and per key window it touches, at the end of that bucket's range,
 *   as {@link AttributePostings} do.</li>
 *   <li><b>Compacted</b> ({@code trace_index}): once a window has closed, {@link TraceIndexCompactor} re-cuts its
 *   recent rows by {@value #BUCKET_BITS} bits into one row per window and bucket, keyed {@code window << BUCKET_BITS
 *   | bucket}: appended at the end of the table, and a lookup is one point read per window.</li>
 * </ul>
 * Rows hold postings sorted by trace id, so a lookup stops decoding a row after the trace's place. A lookup near a
 * known key of the trace (a span a search found, within a margin) reads the windows of that range only; one that
 * knows nothing reads one compacted row per window of the whole store.
 */
public final class TraceIndex {

    static final int RECENT_BUCKET_BITS = 8;
    static final int BUCKET_BITS = 14;
    /** Run keys per window (2^17 ms, about 2.2 minutes): a row's postings lie in one window. */
    static final int WINDOW_SHIFT = 37;
    static final long WINDOW_KEYS = 1L << WINDOW_SHIFT;
    /** Compacted rows probed per statement. */
    private static final int PROBES_PER_STATEMENT = 500;
    /** Windows probed one by one without looking for those that have rows: about a month at full load. */
    private static final long MAX_DENSE_WINDOWS = 20_000;

    private TraceIndex() {
    }

    /** A run of a trace. */
    public record Posting(long traceHi, long traceLo, long runKey) {
    }

    private static final Comparator<Posting> ORDER = Comparator.comparingLong(Posting::traceHi)
            .thenComparingLong(Posting::traceLo).thenComparingLong(Posting::runKey);

    /** The insert of a recent row, without its VALUES: bind with {@link BucketRow#bind}. */
    static final String INSERT_RECENT = "INSERT INTO trace_index_recent (bucket, first_key, last_key, postings)";
    /** The insert of a compacted row, without its VALUES. */
    static final String INSERT = "INSERT INTO trace_index (row_key, postings)";

    static int recentBucket(long traceHi) {
        return (int) (traceHi >>> (64 - RECENT_BUCKET_BITS));
    }

    static int bucket(long traceHi) {
        return (int) (traceHi >>> (64 - BUCKET_BITS));
    }

    static long window(long key) {
        return key >> WINDOW_SHIFT;
    }

    static long rowKey(long window, int bucket) {
        return (window << BUCKET_BITS) | bucket;
    }

    /** The recent rows that hold {@code postings}: one per bucket and window. */
    static List<BucketRow> recentRows(DetailWriter writer, Collection<Posting> postings) {
        Map<Long, Map<Integer, List<Posting>>> byWindow = BucketRow.byWindowAndBucket(postings,
                posting -> window(posting.runKey()), posting -> recentBucket(posting.traceHi()));
        List<BucketRow> rows = new ArrayList<>();
        byWindow.values().forEach(buckets -> buckets.forEach((bucket, inRow) -> {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Posting posting : inRow) {
                first = Math.min(first, posting.runKey());
                last = Math.max(last, posting.runKey());
            }
            rows.add(new BucketRow(bucket, first, last, encode(writer, inRow, first)));
        }));
        return rows;
    }

    /** Sorts {@code postings} and packs them; run keys are stored relative to {@code baseKey}. */
    static byte[] encode(DetailWriter writer, List<Posting> postings, long baseKey) {
        postings.sort(ORDER);
        writer.reset();
        writer.writeVarInt(postings.size());
        for (Posting posting : postings) {
            writer.writeFixedLong(posting.traceHi());
            writer.writeFixedLong(posting.traceLo());
            writer.writeVarLong(posting.runKey() - baseKey);
        }
        return writer.bytes();
    }

    /**
     * Each posting of a row, or with {@code wanted} not null only those of its traces; decoding stops after the
     * greatest of them (rows are sorted by trace).
     */
    static void decode(byte[] bytes, long baseKey, NavigableTraces wanted, Consumer<Posting> each) {
        DetailReader reader = new DetailReader(bytes);
        int count = reader.readVarInt();
        for (int i = 0; i < count; i++) {
            long hi = reader.readFixedLong();
            long lo = reader.readFixedLong();
            long runKey = baseKey + reader.readVarLong();
            if (wanted == null) {
                each.accept(new Posting(hi, lo, runKey));
                continue;
            }
            if (hi > wanted.greatestHi) {
                return;
            }
            if (wanted.contains(hi, lo)) {
                each.accept(new Posting(hi, lo, runKey));
            }
        }
    }

    /** The trace ids a lookup wants, and the greatest high half among them (in the rows' signed order). */
    static final class NavigableTraces {
        private final Set<TraceId> traces;
        private final long greatestHi;

        NavigableTraces(Collection<TraceId> traces) {
            this.traces = new HashSet<>(traces);
            this.greatestHi = traces.stream().mapToLong(TraceId::hi).max().orElse(Long.MIN_VALUE);
        }

        boolean contains(long hi, long lo) {
            return traces.contains(new TraceId(hi, lo));
        }
    }

    /**
     * The run keys of each trace, in key order (traces without runs are absent): each trace's runs within {@code
     * marginKeys} of the key it maps to, or anywhere where it maps to null. The recent rows are read by bucket over
     * the range of its traces, the compacted ones by a point read per window and bucket. {@code jdbc} gives the
     * template of each statement (a query's budget shrinks as it goes).
     */
    public static Map<TraceId, List<Long>> runKeys(Supplier<JdbcTemplate> jdbc, Map<TraceId, Long> near, long marginKeys) {
        if (near.isEmpty()) {
            return Map.of();
        }
        Map<TraceId, long[]> ranges = new HashMap<>();
        near.forEach((trace, key) -> ranges.put(trace, key == null ? new long[] {0, Long.MAX_VALUE}
                : new long[] {Math.max(0, key - marginKeys), key > Long.MAX_VALUE - marginKeys ? Long.MAX_VALUE : key + marginKeys}));
        Map<TraceId, TreeSet<Long>> found = new HashMap<>();
        Consumer<Posting> collect = posting -> {
            TraceId trace = new TraceId(posting.traceHi(), posting.traceLo());
            long[] range = ranges.get(trace);
            if (range != null && posting.runKey() >= range[0] && posting.runKey() < range[1]) {
                found.computeIfAbsent(trace, t -> new TreeSet<>()).add(posting.runKey());
            }
        };
        Map<Integer, List<TraceId>> byRecentBucket = new TreeMap<>();
        ranges.keySet().forEach(trace -> byRecentBucket.computeIfAbsent(recentBucket(trace.hi()), b -> new ArrayList<>()).add(trace));
        byRecentBucket.forEach((bucket, inBucket) -> {
            NavigableTraces wanted = new NavigableTraces(inBucket);
            long from = inBucket.stream().mapToLong(t -> ranges.get(t)[0]).min().orElseThrow();
            long to = inBucket.stream().mapToLong(t -> ranges.get(t)[1]).max().orElseThrow();
            jdbc.get().query("SELECT first_key, postings FROM trace_index_recent WHERE bucket = ? AND first_key >= ?"
                            + " AND first_key < ? AND last_key >= ?",
                    rs -> {
                        decode(rs.getBytes(2), rs.getLong(1), wanted, collect);
                    }, bucket, window(from) << WINDOW_SHIFT, to, from);
        });
        long oldest = oldestCompactedKey(jdbc.get());
        long newest = newestCompactedKey(jdbc.get());
        Map<Long, List<TraceId>> byRow = new TreeMap<>();
        Map<List<Long>, List<Long>> windowsOfRange = new HashMap<>(); // traces looked for anywhere share theirs
        ranges.forEach((trace, range) -> {
            long first = window(Math.max(range[0], oldest));
            long last = window(Math.min(range[1] - 1, newest));
            for (long window : windowsOfRange.computeIfAbsent(List.of(first, last), r -> windows(jdbc, first, last))) {
                byRow.computeIfAbsent(rowKey(window, bucket(trace.hi())), r -> new ArrayList<>()).add(trace);
            }
        });
        List<Long> probes = new ArrayList<>(byRow.keySet());
        for (int from = 0; from < probes.size(); from += PROBES_PER_STATEMENT) {
            List<Long> slice = probes.subList(from, Math.min(probes.size(), from + PROBES_PER_STATEMENT));
            jdbc.get().query("SELECT row_key, postings FROM trace_index WHERE row_key IN ("
                            + String.join(", ", Collections.nCopies(slice.size(), "?")) + ")",
                    rs -> {
                        long rowKey = rs.getLong(1);
                        decode(rs.getBytes(2), (rowKey >> BUCKET_BITS) << WINDOW_SHIFT,
                                new NavigableTraces(byRow.get(rowKey)), collect);
                    }, slice.toArray());
        }
        Map<TraceId, List<Long>> keys = new HashMap<>();
        found.forEach((trace, runKeys) -> keys.put(trace, List.copyOf(runKeys)));
        return keys;
    }

    /**
     * The windows in {@code [first, last]} to probe: all of them when they are few (a miss costs little), else only
     * those with compacted rows, found by a skip scan (a long retention, or rows far from the others).
     */
    private static List<Long> windows(Supplier<JdbcTemplate> jdbc, long first, long last) {
        List<Long> windows = new ArrayList<>();
        if (last - first < MAX_DENSE_WINDOWS) {
            for (long window = first; window <= last; window++) {
                windows.add(window);
            }
            return windows;
        }
        for (long window = first; window <= last; window++) {
            List<Long> next = jdbc.get().queryForList("SELECT row_key FROM trace_index WHERE row_key >= ? ORDER BY row_key LIMIT 1",
                    Long.class, rowKey(window, 0));
            if (next.isEmpty() || (window = next.getFirst() >> BUCKET_BITS) > last) {
                break;
            }
            windows.add(window);
        }
        return windows;
    }

    /** The run keys of one trace anywhere, in key order. */
    public static List<Long> runKeys(JdbcTemplate jdbc, TraceId trace) {
        Map<TraceId, Long> anywhere = new HashMap<>();
        anywhere.put(trace, null);
        return runKeys(() -> jdbc, anywhere, 0).getOrDefault(trace, List.of());
    }

    private static long oldestCompactedKey(JdbcTemplate jdbc) {
        List<Long> first = jdbc.queryForList("SELECT row_key FROM trace_index ORDER BY row_key LIMIT 1", Long.class);
        return first.isEmpty() ? Long.MAX_VALUE : (first.getFirst() >> BUCKET_BITS) << WINDOW_SHIFT;
    }

    private static long newestCompactedKey(JdbcTemplate jdbc) {
        List<Long> last = jdbc.queryForList("SELECT row_key FROM trace_index ORDER BY row_key DESC LIMIT 1", Long.class);
        return last.isEmpty() ? Long.MIN_VALUE : ((last.getFirst() >> BUCKET_BITS) + 1 << WINDOW_SHIFT) - 1;
    }

    /**
     * Deletes the postings of windows that end at or before {@code cutoffKey}: the compacted rows a window at a time,
     * the recent ones a bucket and window at a time, until {@code deadline} ({@link System#nanoTime}). Returns how
     * many rows.
     */
    public static long deleteBefore(JdbcTemplate jdbc, long cutoffKey, long deadline) {
        long deleted = 0;
        long endWindow = window(cutoffKey);
        for (long oldest = oldestCompactedKey(jdbc); oldest < (endWindow << WINDOW_SHIFT) && System.nanoTime() < deadline;
             oldest = oldestCompactedKey(jdbc)) {
            long window = window(oldest);
            deleted += jdbc.update("DELETE FROM trace_index WHERE row_key >= ? AND row_key < ?", rowKey(window, 0),
                    rowKey(window + 1, 0));
        }
        for (int bucket = 0; bucket < 1 << RECENT_BUCKET_BITS && System.nanoTime() < deadline; bucket++) {
            // recent rows are few (compaction moves them on), but late runs of old windows can be among them
            deleted += jdbc.update("DELETE FROM trace_index_recent WHERE bucket = ? AND first_key < ?", bucket,
                    endWindow << WINDOW_SHIFT);
        }
        return deleted;
    }
}
