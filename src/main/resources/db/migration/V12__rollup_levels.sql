-- Rollup levels: the minute rollups (red_rollup, service_rollup) compacted into 10-minute and hourly
-- buckets by storage.rollup.RollupCompactor, behind a watermark per level, so that a chart over a day
-- reads 10-minute cells and one over a week hourly cells (storage.rollup.RollupPlan: at most ~1,000
-- cells per series). Common SQL: runs unchanged on H2 2.x and PostgreSQL.
--
-- Each coarse table has the columns of its minute table, with bucket_minute = the epoch minute at which
-- the bucket starts (a multiple of 10 or 60). Readers and the compactor name their columns, so columns
-- added later to the minute tables (e.g. exemplars) are simply not compacted until a migration adds them here.
-- A coarse row is always recomputed whole from the finer level and overwritten, never incremented.

CREATE TABLE red_rollup_10m (
    service_id      INTEGER  NOT NULL,
    bucket_minute   BIGINT   NOT NULL,             -- epoch minute of the bucket start, a multiple of 10
    operation_id    INTEGER  NOT NULL,
    kind            SMALLINT NOT NULL,
    request_count   BIGINT   NOT NULL,
    error_count     BIGINT   NOT NULL,
    duration_sum_ns BIGINT   NOT NULL,
    status_ok       BIGINT   NOT NULL,
    status_4xx      BIGINT   NOT NULL,
    status_5xx      BIGINT   NOT NULL,
    histogram       BYTEA    NOT NULL,             -- merge of the minutes' histograms (HistogramCodec)
    -- the key serves ServiceQueries.operations / series / statusClasses (one service, a bucket range)
    -- and the compactor's rebuild of one service's hour
    PRIMARY KEY (service_id, bucket_minute, operation_id, kind)
);
-- for the compactor building an hour of every service from its 10-minute rows, and for retention
CREATE INDEX red_rollup_10m_minute ON red_rollup_10m (bucket_minute);

CREATE TABLE red_rollup_1h (
    service_id      INTEGER  NOT NULL,
    bucket_minute   BIGINT   NOT NULL,             -- epoch minute of the bucket start, a multiple of 60
    operation_id    INTEGER  NOT NULL,
    kind            SMALLINT NOT NULL,
    request_count   BIGINT   NOT NULL,
    error_count     BIGINT   NOT NULL,
    duration_sum_ns BIGINT   NOT NULL,
    status_ok       BIGINT   NOT NULL,
    status_4xx      BIGINT   NOT NULL,
    status_5xx      BIGINT   NOT NULL,
    histogram       BYTEA    NOT NULL,
    -- the key serves ServiceQueries.operations / series / statusClasses (one service, a bucket range)
    PRIMARY KEY (service_id, bucket_minute, operation_id, kind)
);
-- for the compactor overwriting one hour of every service, and for retention
CREATE INDEX red_rollup_1h_minute ON red_rollup_1h (bucket_minute);

CREATE TABLE service_rollup_10m (
    service_id    INTEGER NOT NULL,
    bucket_minute BIGINT  NOT NULL,                -- epoch minute of the bucket start, a multiple of 10
    span_count    BIGINT  NOT NULL,
    request_count BIGINT  NOT NULL,
    error_count   BIGINT  NOT NULL,
    histogram     BYTEA   NOT NULL,                -- empty histogram when the service had no requests
    -- the key serves the compactor's rebuild of one service's hour and its late-data check
    PRIMARY KEY (service_id, bucket_minute)
);
-- for ServiceQueries.services (every service in a window), the compactor building an hour, and retention
CREATE INDEX service_rollup_10m_minute ON service_rollup_10m (bucket_minute);

CREATE TABLE service_rollup_1h (
    service_id    INTEGER NOT NULL,
    bucket_minute BIGINT  NOT NULL,                -- epoch minute of the bucket start, a multiple of 60
    span_count    BIGINT  NOT NULL,
    request_count BIGINT  NOT NULL,
    error_count   BIGINT  NOT NULL,
    histogram     BYTEA   NOT NULL,
    -- the key serves the compactor's late-data check of one service's hour
    PRIMARY KEY (service_id, bucket_minute)
);
-- for ServiceQueries.services (every service in a window), the compactor overwriting an hour, and retention
CREATE INDEX service_rollup_1h_minute ON service_rollup_1h (bucket_minute);

-- The minute level had no index by minute alone: ServiceQueries.services, the compactor (a 10-minute
-- bucket of every service) and its late-data check all read every service in a minute range.
CREATE INDEX service_rollup_minute ON service_rollup (bucket_minute);

-- Per coarse level: every bucket that ends at or before done_before_minute (exclusive; epoch minutes, a
-- multiple of the level) has been compacted. Readers use a level's cells only below its watermark and
-- finer rows from there on. Advanced in the same transaction as the buckets it covers.
CREATE TABLE rollup_watermarks (
    level_minutes      INTEGER NOT NULL PRIMARY KEY, -- 10 or 60
    done_before_minute BIGINT  NOT NULL
);
