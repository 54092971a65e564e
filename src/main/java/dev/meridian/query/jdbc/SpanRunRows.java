package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.SpanRunCodec;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.SpanStatus;
import dev.meridian.telemetry.StatusCode;
import dev.meridian.telemetry.TraceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code span_runs} rows ({@link SpanRunCodec}): the heads of a run for searches and summaries, whole spans
 * for the trace view. A query selects {@link #HEAD_COLUMNS} (and {@code details} for whole spans).
 */
final class SpanRunRows {

    /** The columns {@link #heads} reads. */
    static final String HEAD_COLUMNS = "first_key, trace_hi, trace_lo, service_id, start_ns, heads";
    /** The columns {@link #spans} reads. */
    static final String SPAN_COLUMNS = HEAD_COLUMNS + ", details";

    private SpanRunRows() {
    }

    /** A run's trace, service and span heads. */
    record Run(TraceId traceId, int serviceId, List<SpanRunCodec.Head> heads) {
    }

    /** {@link #HEAD_COLUMNS} of {@code alias} ({@code "r"} gives {@code r.first_key, r.trace_hi, ...}). */
    static String headColumns(String alias) {
        return qualified(HEAD_COLUMNS, alias);
    }

    /** {@link #SPAN_COLUMNS} of {@code alias}. */
    static String spanColumns(String alias) {
        return qualified(SPAN_COLUMNS, alias);
    }

    private static String qualified(String columns, String alias) {
        return java.util.Arrays.stream(columns.split(", ")).map(c -> alias + "." + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static Run run(ResultSet rs) throws SQLException {
        return new Run(new TraceId(rs.getLong("trace_hi"), rs.getLong("trace_lo")), rs.getInt("service_id"),
                SpanRunCodec.decodeHeads(rs.getBytes("heads"), rs.getLong("first_key"), rs.getLong("start_ns")));
    }

    /** The spans of a run row (selected with {@link #SPAN_COLUMNS}), in key order. */
    static List<Span> spans(ResultSet rs, Dictionaries dictionaries) throws SQLException {
        Run run = run(rs);
        List<SpanRunCodec.Detail> details = SpanRunCodec.decodeDetails(rs.getBytes("details"), run.heads(),
                dictionaries.compression());
        List<Span> spans = new ArrayList<>(run.heads().size());
        for (int i = 0; i < run.heads().size(); i++) {
            spans.add(span(run, run.heads().get(i), details.get(i), dictionaries));
        }
        return spans;
    }

    /** One span of {@code run}: its head and its detail (decoded with the run's other details). */
    static Span span(Run run, SpanRunCodec.Head head, SpanRunCodec.Detail detail, Dictionaries dictionaries) {
        var body = detail.body();
        return new Span(dictionaries.resource(head.resourceId()), body.scope(), run.traceId(), new SpanId(head.spanId()),
                new SpanId(head.parentSpanId()), body.traceState(), body.flags(), dictionaries.spanNames().name(head.nameId()),
                SpanKind.fromOtlp(head.kind()), head.startNanos(), head.endNanos(), body.attributes(),
                body.droppedAttributesCount(), body.events(), body.droppedEventsCount(), body.links(),
                body.droppedLinksCount(), new SpanStatus(StatusCode.fromOtlp(head.statusCode()),
                detail.statusMessage() == null ? "" : detail.statusMessage()));
    }
}
