package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Inserts runs of spans ({@link SpanRunCodec}): one {@code span_runs} row per run, the postings of each run's
 * allow-listed attribute values ({@link AttributePostings}), a row per hash bucket and key window, and a posting of
 * each run's trace ({@link TraceIndex}), a recent row per bucket and key window.
 */
final class InsertSpans {

    private static final String INSERT_RUN = "INSERT INTO span_runs (first_key, last_key, trace_hi, trace_lo, service_id,"
            + " start_ns, end_ns, max_duration_ns, error_count, span_count, heads, details)";
    private static final int RUN_COLUMNS = 12;

    private final Set<String> indexedKeys;

    InsertSpans(Set<String> indexedKeys) {
        this.indexedKeys = Set.copyOf(indexedKeys);
    }

    /** A span with the ids the writer resolved for it. */
    record Row(Span span, int nameId, long resourceId) {
    }

    /** The spans of one trace and one service, in key order from {@code firstKey}. */
    record Run(int serviceId, long firstKey, List<Row> rows) {

        long lastKey() {
            return firstKey + rows.size() - 1;
        }
    }

    /** Per thread: encoding details runs on the common pool when the batch is large. */
    private static final ThreadLocal<DetailWriter> DETAIL_WRITERS = ThreadLocal.withInitial(DetailWriter::new);
    private static final int PARALLEL_ENCODING_MIN_RUNS = 250;

    void execute(Connection connection, DetailWriter detail, CompressionDictionaries compression, List<Run> runs)
            throws SQLException {
        byte[][] details = encodeDetails(detail, compression, runs);
        List<AttributePostings.Posting> postings = new ArrayList<>();
        List<TraceIndex.Posting> traces = new ArrayList<>(runs.size());
        try (MultiRowInsert runRows = new MultiRowInsert(connection, INSERT_RUN, RUN_COLUMNS);
             MultiRowInsert postingRows = new MultiRowInsert(connection, AttributePostings.INSERT, 4);
             MultiRowInsert traceRows = new MultiRowInsert(connection, TraceIndex.INSERT_RECENT, 4)) {
            for (int r = 0; r < runs.size(); r++) {
                Run run = runs.get(r);
                byte[] runDetails = details[r];
                RunRow row = runRow(detail, run);
                runRows.add((statement, offset) -> bindRun(statement, offset, run, row, runDetails));
                postings.addAll(postings(run));
                Span first = run.rows().getFirst().span();
                traces.add(new TraceIndex.Posting(first.traceId().hi(), first.traceId().lo(), run.firstKey()));
            }
            runRows.execute();
            for (BucketRow row : AttributePostings.rows(detail, postings)) {
                postingRows.add(row::bind);
            }
            postingRows.execute();
            for (BucketRow row : TraceIndex.recentRows(detail, traces)) {
                traceRows.add(row::bind);
            }
            traceRows.execute();
        }
    }

    /** The columns of a run's row that summarize its spans, and its heads. */
    private record RunRow(long startNanos, long endNanos, long maxDurationNanos, int errors, byte[] heads) {
    }

    private static RunRow runRow(DetailWriter detail, Run run) {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long maxDuration = 0;
        int errors = 0;
        List<SpanRunCodec.Head> heads = new ArrayList<>(run.rows().size());
        for (int i = 0; i < run.rows().size(); i++) {
            Row row = run.rows().get(i);
            Span span = row.span();
            start = Math.min(start, span.startNanos());
            end = Math.max(end, Math.max(span.startNanos(), span.endNanos())); // an upper bound of every start too
            maxDuration = Math.max(maxDuration, span.durationNanos());
            int status = span.status().code().otlpNumber();
            if (status == 2) {
                errors++;
            }
            heads.add(new SpanRunCodec.Head(run.firstKey() + i, span.spanId().value(), span.parentSpanId().value(),
                    row.nameId(), span.kind().otlpNumber(), span.startNanos(), span.endNanos(), status, row.resourceId()));
        }
        return new RunRow(start, end, maxDuration, errors, SpanRunCodec.encodeHeads(detail, heads, start));
    }

    /** A posting per allow-listed attribute value of the run's spans, with what the spans that have it reach. */
    private Collection<AttributePostings.Posting> postings(Run run) {
        Map<Long, AttributePostings.Posting> byHash = new HashMap<>();
        for (Row row : run.rows()) {
            Span span = row.span();
            for (String key : indexedKeys) {
                String value = span.attributes().getString(key);
                if (value != null) {
                    long hash = Hashing.attribute(key, value);
                    boolean error = span.status().code().otlpNumber() == 2;
                    byHash.merge(hash, new AttributePostings.Posting(hash, run.firstKey(), run.serviceId(),
                                    span.durationNanos(), error, span.startNanos(), span.startNanos()),
                            (known, added) -> known.with(added.maxDurationNanos(), added.error(), added.earliestStartNanos()));
                }
            }
        }
        return byHash.values();
    }

    /**
     * The compressed details of all runs. Compression is the writer's largest cost of its own, and it needs no
     * database: with a trained dictionary, large batches encode on every core while the writer waits.
     */
    private static byte[][] encodeDetails(DetailWriter detail, CompressionDictionaries compression, List<Run> runs) {
        byte[][] details = new byte[runs.size()][];
        if (runs.size() >= PARALLEL_ENCODING_MIN_RUNS && compression.packsConcurrently(CompressionDictionaries.SPANS)) {
            IntStream.range(0, runs.size()).parallel().forEach(i ->
                    details[i] = SpanRunCodec.encodeDetails(DETAIL_WRITERS.get(), spans(runs.get(i)), compression));
        } else {
            for (int i = 0; i < runs.size(); i++) {
                details[i] = SpanRunCodec.encodeDetails(detail, spans(runs.get(i)), compression);
            }
        }
        return details;
    }

    private static List<Span> spans(Run run) {
        return run.rows().stream().map(Row::span).toList();
    }

    private static void bindRun(PreparedStatement statement, int o, Run run, RunRow row, byte[] details)
            throws SQLException {
        Span first = run.rows().getFirst().span();
        statement.setLong(o + 1, run.firstKey());
        statement.setLong(o + 2, run.lastKey());
        statement.setLong(o + 3, first.traceId().hi());
        statement.setLong(o + 4, first.traceId().lo());
        statement.setInt(o + 5, run.serviceId());
        statement.setLong(o + 6, row.startNanos());
        statement.setLong(o + 7, row.endNanos());
        statement.setLong(o + 8, row.maxDurationNanos());
        statement.setInt(o + 9, row.errors());
        statement.setInt(o + 10, run.rows().size());
        statement.setBytes(o + 11, row.heads());
        statement.setBytes(o + 12, details);
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public String toString() {
        return INSERT_RUN + " VALUES (...)";
    }
}
