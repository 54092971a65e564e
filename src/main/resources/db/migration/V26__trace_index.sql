-- The trace-id index as postings (issue 6). Common SQL: runs unchanged on H2 2.x and PostgreSQL.
--
-- span_runs_trace (trace_hi) took an insert at a random place of a B-tree as large as the data per run: once it
-- outgrew the page cache every commit read and rewrote thousands of its leaves, the largest part of the file's
-- garbage and of the old generation's churn in an hour at 50,000 spans/s. Here a transaction appends a row per
-- bucket of the trace id and key window (trace_index_recent), and once a window has closed its rows are re-cut into
-- one row per window and finer bucket (trace_index), keyed window << 14 | bucket, so a lookup is a point read per
-- window. Encoding: storage.jdbc.TraceIndex. V27 fills trace_index from span_runs, V28 drops span_runs_trace.
CREATE TABLE trace_index_recent (
    bucket    INTEGER NOT NULL, -- the top 8 bits of the trace ids of the row's postings
    first_key BIGINT  NOT NULL, -- the smallest run key of its postings; all lie in one key window
    last_key  BIGINT  NOT NULL, -- the greatest
    postings  BYTEA   NOT NULL,
    PRIMARY KEY (bucket, first_key)
);
CREATE TABLE trace_index (
    row_key  BIGINT NOT NULL PRIMARY KEY, -- (first_key >> 37) << 14 | the top 14 bits of the trace ids
    postings BYTEA  NOT NULL
);
