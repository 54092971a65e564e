-- Production load (issue 6). Common SQL: runs unchanged on H2 2.x and PostgreSQL.
--
-- Span keys now follow arrival order (storage.jdbc.RowKeys): a fleet exports spans seconds after they
-- started, so an index that starts with the start time takes inserts anywhere in its last seconds, and
-- every commit rewrites those pages. (service_id, span_key) grows at the end of each service's range.
DROP INDEX spans_service_time;
-- for TraceQueries.search with a service (newest first, and the slowest when exemplars cannot answer):
-- a service's window is a key range here, and the other columns answer the filters without the row
CREATE INDEX spans_service_key ON spans (service_id, span_key, start_ns, duration_ns, status_code, name_id);

-- Trace runs: the writer gives the spans of one trace in one transaction consecutive keys, and indexes the
-- run [first_key, last_key] once instead of every span: a fleet's trace ids are random, so each entry of a
-- trace-id index is an insert at a random place of a large B-tree, the most expensive write there is.
DROP INDEX spans_trace;
CREATE TABLE trace_runs (
    trace_hi  BIGINT NOT NULL,
    first_key BIGINT NOT NULL,
    last_key  BIGINT NOT NULL
);
-- for TraceQueries.trace(id) and trace summaries: the runs of a trace, then key ranges of spans;
-- first_key also lets retention delete runs of old keys by slices of trace_hi
CREATE INDEX trace_runs_trace ON trace_runs (trace_hi, first_key);
INSERT INTO trace_runs (trace_hi, first_key, last_key) SELECT trace_hi, span_key, span_key FROM spans;

-- The attribute side index points at runs too: one row per (run, indexed key, value) instead of one per span,
-- from span_key (the run's first key) to last_key; searches check every span of the run.
ALTER TABLE span_attributes ADD COLUMN last_key BIGINT;
UPDATE span_attributes SET last_key = span_key;
ALTER TABLE span_attributes ALTER COLUMN last_key SET NOT NULL;

-- Exemplars: per (service, span name, start minute) the slowest spans and the slowest failed spans,
-- kept by the writer in the spans' transaction, so "the slowest traces behind this chart point" merges a
-- few rows per minute instead of sorting the window's spans. name_id -1 = every span of the service;
-- service_id -1 = every span of every service (then name_id is -1 too). Encoding: storage.jdbc.ExemplarCell.
CREATE TABLE span_exemplars (
    service_id    INTEGER NOT NULL,
    name_id       INTEGER NOT NULL,
    bucket_minute BIGINT  NOT NULL,                -- epoch minutes of the spans' start
    span_count    BIGINT  NOT NULL,                -- spans of the cell, kept or not
    error_count   BIGINT  NOT NULL,
    exemplars     BYTEA   NOT NULL,
    PRIMARY KEY (service_id, name_id, bucket_minute)
);
-- retention deletes by minute
CREATE INDEX span_exemplars_minute ON span_exemplars (bucket_minute);

-- The write-ahead log (ingest.wal) acknowledges requests before the database applies them; this row says
-- up to which log record the database holds, written in the same transaction as the records' rows, so a
-- replay after a crash starts exactly after it.
CREATE TABLE ingest_log_position (
    position_id      INTEGER NOT NULL PRIMARY KEY,
    applied_sequence BIGINT  NOT NULL
);
INSERT INTO ingest_log_position (position_id, applied_sequence) VALUES (1, 0);
