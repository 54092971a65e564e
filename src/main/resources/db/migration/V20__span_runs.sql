-- Span runs (issue 6). Common SQL: runs unchanged on H2 2.x and PostgreSQL.
--
-- One row per run: the spans of one trace and one service that one transaction stored, with consecutive keys
-- (the i-th span of the run has key first_key + i). H2's cost per stored span was the number of B-tree entries
-- it wrote (the insert, its undo-log record, the commit's second visit, page serialization, and the garbage of
-- copy-on-write pages); a run of 8 spans is one row and one entry per index instead of 8 rows, 8 service-index
-- entries and a trace_runs row with its index entry. Encoding of heads and details: storage.jdbc.SpanRunCodec.
-- V21 copies the rows of the former spans table (one run per span), V22 drops it.
CREATE TABLE span_runs (
    first_key       BIGINT   NOT NULL PRIMARY KEY, -- (arrival millis << 20) | sequence of the run's first span
    last_key        BIGINT   NOT NULL,             -- first_key + span_count - 1
    trace_hi        BIGINT   NOT NULL,
    trace_lo        BIGINT   NOT NULL,
    service_id      INTEGER  NOT NULL,
    start_ns        BIGINT   NOT NULL,             -- the earliest start of the run's spans
    end_ns          BIGINT   NOT NULL,             -- the latest end
    max_duration_ns BIGINT   NOT NULL,
    error_count     INTEGER  NOT NULL,             -- spans with status ERROR
    span_count      INTEGER  NOT NULL,
    heads           BYTEA    NOT NULL,             -- per span: ids, name, kind, times, status, resource
    details         BYTEA    NOT NULL              -- per span: status message, scope, attributes, events, links (packed)
);
-- for trace by id, trace summaries and the service map's calls filter: trace_lo is checked on the row
CREATE INDEX span_runs_trace ON span_runs (trace_hi);
-- for searches with a service: a service's window is a key range here, and the other columns choose the runs
-- to decode (the slowest first, the failed, the ones long enough) without reading a row
CREATE INDEX span_runs_service ON span_runs (service_id, first_key, start_ns, max_duration_ns, error_count);
