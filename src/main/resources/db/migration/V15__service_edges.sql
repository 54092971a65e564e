-- Service map: calls between services, derived at ingest from parent/child spans of different services
-- (storage.jdbc.CallPairing) and kept per minute, so the map never scans spans. One row per
-- (caller service, called service, minute): calls, failed calls and a histogram of the call duration
-- (the CLIENT/PRODUCER span's, or the SERVER/CONSUMER span's when the caller had no client span), in
-- microseconds (HistogramCodec), mergeable like the RED rollups'. bucket_minute is the epoch minute of the
-- call's start. Bounded by services² (and by a cap of edges per minute in the writer).
CREATE TABLE edge_rollup (
    source_service_id INTEGER NOT NULL,
    target_service_id INTEGER NOT NULL,
    bucket_minute     BIGINT  NOT NULL,
    call_count        BIGINT  NOT NULL,
    error_count       BIGINT  NOT NULL,
    histogram         BYTEA   NOT NULL,
    -- the key serves the writer's read-merge-write of one edge's minute
    PRIMARY KEY (source_service_id, target_service_id, bucket_minute)
);
-- for the writer's merge (every edge of a minute), ServiceMapQueries.serviceMap (every edge in a window),
-- the compactor and retention
CREATE INDEX edge_rollup_minute ON edge_rollup (bucket_minute);

-- The coarse levels, compacted with the RED rollups behind the same watermarks (storage.rollup):
-- a week's map reads hourly cells (~168 per edge) instead of 10,080 minute rows per edge.
CREATE TABLE edge_rollup_10m (
    source_service_id INTEGER NOT NULL,
    target_service_id INTEGER NOT NULL,
    bucket_minute     BIGINT  NOT NULL,            -- a multiple of 10
    call_count        BIGINT  NOT NULL,
    error_count       BIGINT  NOT NULL,
    histogram         BYTEA   NOT NULL,
    PRIMARY KEY (source_service_id, target_service_id, bucket_minute)
);
-- for the map over a window, the compactor overwriting a bucket, and retention
CREATE INDEX edge_rollup_10m_minute ON edge_rollup_10m (bucket_minute);

CREATE TABLE edge_rollup_1h (
    source_service_id INTEGER NOT NULL,
    target_service_id INTEGER NOT NULL,
    bucket_minute     BIGINT  NOT NULL,            -- a multiple of 60
    call_count        BIGINT  NOT NULL,
    error_count       BIGINT  NOT NULL,
    histogram         BYTEA   NOT NULL,
    PRIMARY KEY (source_service_id, target_service_id, bucket_minute)
);
-- for the map over a window, the compactor overwriting a bucket, and retention
CREATE INDEX edge_rollup_1h_minute ON edge_rollup_1h (bucket_minute);
