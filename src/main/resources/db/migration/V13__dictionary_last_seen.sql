-- When the writer last used each dictionary entry (epoch nanos of its wall clock, updated at most about once
-- an hour per entry), so that retention can forget entries no stored row needs any more: without it, a
-- client sending 100k distinct span names or series grows these tables and their caches for ever.
-- NULL (rows from before this migration) is set to the time of the first cleanup run, which then waits a whole
-- retention period for them. Common SQL: runs unchanged on H2 2.x and PostgreSQL.
ALTER TABLE services ADD COLUMN last_seen_ns BIGINT;
ALTER TABLE span_names ADD COLUMN last_seen_ns BIGINT;
ALTER TABLE resources ADD COLUMN last_seen_ns BIGINT;
ALTER TABLE metrics ADD COLUMN last_seen_ns BIGINT;
ALTER TABLE metric_series ADD COLUMN last_seen_ns BIGINT;
