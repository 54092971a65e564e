-- The attribute side index as postings (issue 6). Common SQL: runs unchanged on H2 2.x and PostgreSQL.
--
-- span_attributes held a row per run and attribute value, keyed by the value's hash: every insert landed at a random
-- place of a B-tree as large as the data, and H2 rewrote leaf pages all over it at every commit. Here a transaction
-- writes one row per hash bucket and key window it touches, at the end of that bucket's range, packing a posting per
-- run and value with what its spans reach at most (longest duration, an error, earliest and latest start), so a
-- search orders candidate runs without reading them. Encoding: storage.jdbc.AttributePostings.
-- V24 copies span_attributes (with each run's summary columns), V25 drops it.
CREATE TABLE attribute_postings (
    bucket    INTEGER NOT NULL, -- the top 7 bits of the hashes of the row's postings
    first_key BIGINT  NOT NULL, -- the smallest run key of its postings; all lie in one key window
    last_key  BIGINT  NOT NULL, -- the greatest
    postings  BYTEA   NOT NULL,
    PRIMARY KEY (bucket, first_key)
);
