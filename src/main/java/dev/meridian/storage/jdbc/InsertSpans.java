package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Span;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Inserts a batch of spans as JDBC batches, with one {@code trace_runs} row per run of consecutive rows of one
 * trace, and one side-index row per run and allow-listed attribute value. Rows must come grouped by trace with
 * increasing keys (the writer sorts them).
 */
final class InsertSpans {

    private static final String INSERT_SPAN = "INSERT INTO spans (span_key, trace_hi, trace_lo, span_id, parent_span_id,"
            + " service_id, name_id, kind, start_ns, end_ns, duration_ns, status_code, status_message, http_route,"
            + " http_status, resource_id, detail)";
    private static final int SPAN_COLUMNS = 17;
    private static final String INSERT_ATTRIBUTE = "INSERT INTO span_attributes (attr_hash, span_key, last_key)";
    private static final String INSERT_RUN = "INSERT INTO trace_runs (trace_hi, first_key, last_key)";

    private final Set<String> indexedKeys;

    InsertSpans(Set<String> indexedKeys) {
        this.indexedKeys = Set.copyOf(indexedKeys);
    }

    /** A span with the ids the writer resolved for it. */
    record Row(Span span, long key, int serviceId, int nameId, long resourceId) {
    }

    /** Per thread: encoding spans' details runs on the common pool when the batch is large. */
    private static final ThreadLocal<DetailWriter> DETAIL_WRITERS = ThreadLocal.withInitial(DetailWriter::new);
    private static final int PARALLEL_ENCODING_MIN = 2_000;

    void execute(Connection connection, DetailWriter detail, CompressionDictionaries compression, List<Row> rows)
            throws SQLException {
        byte[][] details = encodeDetails(detail, compression, rows);
        try (MultiRowInsert spans = new MultiRowInsert(connection, INSERT_SPAN, SPAN_COLUMNS);
             MultiRowInsert attributes = new MultiRowInsert(connection, INSERT_ATTRIBUTE, 3);
             MultiRowInsert runs = new MultiRowInsert(connection, INSERT_RUN, 3)) {
            for (int first = 0; first < rows.size(); ) {
                int end = first + 1;
                while (end < rows.size() && continuesRun(rows.get(end - 1), rows.get(end))) {
                    end++;
                }
                List<Row> run = rows.subList(first, end);
                long firstKey = run.getFirst().key();
                long lastKey = run.getLast().key();
                Set<Long> hashes = new HashSet<>();
                for (int i = first; i < end; i++) {
                    Row row = rows.get(i);
                    byte[] rowDetail = details[i];
                    spans.add((statement, offset) -> bindSpan(statement, offset, row, rowDetail));
                    for (String key : indexedKeys) {
                        String value = row.span().attributes().getString(key);
                        if (value != null) {
                            hashes.add(Hashing.attribute(key, value));
                        }
                    }
                }
                for (long hash : hashes) {
                    attributes.add((statement, offset) -> bindRange(statement, offset, hash, firstKey, lastKey));
                }
                long traceHi = run.getFirst().span().traceId().hi();
                runs.add((statement, offset) -> bindRange(statement, offset, traceHi, firstKey, lastKey));
                first = end;
            }
            spans.execute();
            runs.execute();
            attributes.execute();
        }
    }

    /**
     * Whether {@code next} extends the run of {@code previous}: the same trace, and the next key within a second
     * (a span keyed in the past, see {@link RowKeys}, starts a run of its own, so runs stay short key ranges). Two
     * runs of one trace may still overlap as key ranges; readers drop the spans they see twice.
     */
    private static boolean continuesRun(Row previous, Row next) {
        return next.span().traceId().equals(previous.span().traceId()) && next.key() > previous.key()
                && next.key() - previous.key() < RowKeys.floorKey(1_000_000_000L);
    }

    /**
     * The compressed details of all rows. Compression is the writer's largest cost of its own, and it needs no
     * database: with a trained dictionary, large batches encode on every core while the writer waits.
     */
    private static byte[][] encodeDetails(DetailWriter detail, CompressionDictionaries compression, List<Row> rows) {
        byte[][] details = new byte[rows.size()][];
        if (rows.size() >= PARALLEL_ENCODING_MIN && compression.packsConcurrently(CompressionDictionaries.SPANS)) {
            java.util.stream.IntStream.range(0, rows.size()).parallel().forEach(i ->
                    details[i] = DetailCodec.encodeSpan(DETAIL_WRITERS.get(), rows.get(i).span(), compression));
        } else {
            for (int i = 0; i < rows.size(); i++) {
                details[i] = DetailCodec.encodeSpan(detail, rows.get(i).span(), compression);
            }
        }
        return details;
    }

    private static void bindRange(PreparedStatement statement, int offset, long first, long second, long third)
            throws SQLException {
        statement.setLong(offset + 1, first);
        statement.setLong(offset + 2, second);
        statement.setLong(offset + 3, third);
    }

    private static void bindSpan(PreparedStatement spans, int o, Row row, byte[] detail) throws SQLException {
        Span span = row.span();
        spans.setLong(o + 1, row.key());
        spans.setLong(o + 2, span.traceId().hi());
        spans.setLong(o + 3, span.traceId().lo());
        spans.setLong(o + 4, span.spanId().value());
        spans.setLong(o + 5, span.parentSpanId().value());
        spans.setInt(o + 6, row.serviceId());
        spans.setInt(o + 7, row.nameId());
        spans.setInt(o + 8, span.kind().otlpNumber());
        spans.setLong(o + 9, span.startNanos());
        spans.setLong(o + 10, span.endNanos());
        spans.setLong(o + 11, span.durationNanos());
        spans.setInt(o + 12, span.status().code().otlpNumber());
        spans.setString(o + 13, truncate(span.status().message(), 4096));
        spans.setString(o + 14, truncate(span.attributes().getString("http.route"), 1024));
        Integer httpStatus = httpStatus(span);
        if (httpStatus == null) {
            spans.setNull(o + 15, Types.INTEGER);
        } else {
            spans.setInt(o + 15, httpStatus);
        }
        spans.setLong(o + 16, row.resourceId());
        spans.setBytes(o + 17, detail);
    }

    static Integer httpStatus(Span span) {
        Long status = span.attributes().getLong("http.response.status_code");
        if (status == null) {
            status = span.attributes().getLong("http.status_code");
        }
        return status == null || status < 0 || status > 999 ? null : status.intValue();
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public String toString() {
        return INSERT_SPAN + " VALUES (...)";
    }
}
