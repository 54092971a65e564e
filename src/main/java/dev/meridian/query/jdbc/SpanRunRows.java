package dev.meridian.query.jdbc;

import dev.meridian.storage.jdbc.CompressionDictionaries;
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
import java.util.List;

/**
 * Reads {@code span_runs} rows ({@link SpanRunCodec}): the heads of a run for searches and summaries, whole spans
 * for the trace view. A query selects {@link #HEAD_COLUMNS}, or {@link #SPAN_COLUMNS} for whole spans.
 */
final class SpanRunRows {

    /** The columns {@link #run} reads. */
    static final String HEAD_COLUMNS = "first_key, trace_hi, trace_lo, service_id, start_ns, heads";
    /** The columns of whole spans: {@link #run} and the details. */
    static final String SPAN_COLUMNS = HEAD_COLUMNS + ", details";

    private SpanRunRows() {
    }

    /** A run's trace, service and span heads. */
    record Run(TraceId traceId, int serviceId, List<SpanRunCodec.Head> heads) {
    }

    static Run run(ResultSet rs) throws SQLException {
        return new Run(new TraceId(rs.getLong("trace_hi"), rs.getLong("trace_lo")), rs.getInt("service_id"),
                SpanRunCodec.decodeHeads(rs.getBytes("heads"), rs.getLong("first_key"), rs.getLong("start_ns")));
    }

    /** A span of a run with its details. */
    @FunctionalInterface
    interface SpanWithDetail {
        void accept(Run run, SpanRunCodec.Head head, SpanRunCodec.Detail detail);
    }

    private static final int CHUNK = 500;

    /** Each span of the runs whose first keys are given, with its details: the runs are read and decoded once each. */
    static void forEachWithDetails(ReadBudget budget, List<Long> runKeys, CompressionDictionaries compression,
                                   SpanWithDetail each) {
        for (int from = 0; from < runKeys.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT " + SPAN_COLUMNS + " FROM span_runs WHERE ")
                    .inList("first_key", runKeys.subList(from, Math.min(runKeys.size(), from + CHUNK)));
            budget.jdbc().query(sql.text(), rs -> {
                Run run = run(rs);
                List<SpanRunCodec.Detail> details = SpanRunCodec.decodeDetails(rs.getBytes("details"), run.heads(), compression);
                for (int i = 0; i < run.heads().size(); i++) {
                    each.accept(run, run.heads().get(i), details.get(i));
                }
            }, sql.parameters());
        }
    }

    /** A span of a run row, from its head and its details ({@link SpanRunCodec#decodeDetails}). */
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
