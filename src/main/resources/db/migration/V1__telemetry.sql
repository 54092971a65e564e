-- Meridian telemetry schema. Common SQL: runs unchanged on H2 2.x and PostgreSQL.
-- Heavy tables (spans, logs, metric_points) have one time-ordered BIGINT primary key:
--   key = (epoch millis << 20) | 20-bit writer sequence
-- so that appends land at the end of the table, time windows and retention are key ranges,
-- and H2 uses the key as its row key (no extra primary index).
-- Everything that is only ever read whole is in one compressed binary column "detail"
-- (see storage.jdbc.DetailCodec: compact encoding, zstd level 1).

-- Dictionaries, cached in memory by the writer and the readers.
CREATE TABLE services (
    service_id   INTEGER      NOT NULL PRIMARY KEY,
    service_name VARCHAR(512) NOT NULL
);
-- for name -> id lookups (dictionary load, service filters)
CREATE UNIQUE INDEX services_name ON services (service_name);

CREATE TABLE span_names (
    name_id   INTEGER       NOT NULL PRIMARY KEY,
    span_name VARCHAR(1024) NOT NULL
);
-- for name -> id lookups (operation filters)
CREATE UNIQUE INDEX span_names_name ON span_names (span_name);

-- Resources, keyed by a 64-bit hash of their encoded attributes (the id is the hash).
CREATE TABLE resources (
    resource_id BIGINT  NOT NULL PRIMARY KEY,
    service_id  INTEGER NOT NULL,
    detail      BYTEA   NOT NULL
);

CREATE TABLE spans (
    span_key        BIGINT   NOT NULL PRIMARY KEY, -- (start millis << 20) | sequence
    trace_hi        BIGINT   NOT NULL,
    trace_lo        BIGINT   NOT NULL,
    span_id         BIGINT   NOT NULL,
    parent_span_id  BIGINT   NOT NULL,             -- 0 for a root span
    service_id      INTEGER  NOT NULL,
    name_id         INTEGER  NOT NULL,
    kind            SMALLINT NOT NULL,             -- OTLP SpanKind number
    start_ns        BIGINT   NOT NULL,
    end_ns          BIGINT   NOT NULL,
    duration_ns     BIGINT   NOT NULL,
    status_code     SMALLINT NOT NULL,             -- OTLP StatusCode number, 2 = ERROR
    status_message  VARCHAR(4096),
    http_route      VARCHAR(1024),
    http_status     INTEGER,                       -- http.response.status_code (or http.status_code)
    resource_id     BIGINT   NOT NULL,
    detail          BYTEA    NOT NULL              -- scope, attributes, events, links, trace state, flags, dropped counts
);
-- for TraceQueries.trace(id) and trace summaries of search hits: trace_lo is checked on the row
CREATE INDEX spans_trace ON spans (trace_hi);
-- for TraceQueries.search with a service: "slowest / newest / failed spans of a service in a window"
-- is answered from this index alone (covering), then only the hits are looked up by key
CREATE INDEX spans_service_time ON spans (service_id, start_ns, name_id, duration_ns, status_code);

-- Attribute side index for allow-listed span attribute keys (meridian.storage.indexed-attributes):
-- attr_hash = hash(key, value as text); readers check the decoded value against hash collisions.
CREATE TABLE span_attributes (
    attr_hash BIGINT NOT NULL,
    span_key  BIGINT NOT NULL
);
-- for TraceQueries.search with attr=key=value on an indexed key, within a span_key (time) range
CREATE INDEX span_attributes_hash ON span_attributes (attr_hash, span_key);

CREATE TABLE logs (
    log_key         BIGINT   NOT NULL PRIMARY KEY, -- (effective time millis << 20) | sequence
    time_ns         BIGINT   NOT NULL,             -- effective time: event time, or observed time when unknown
    event_time_ns   BIGINT   NOT NULL,             -- OTLP time_unix_nano as sent (0 = unknown)
    observed_ns     BIGINT   NOT NULL,
    service_id      INTEGER  NOT NULL,
    severity_number SMALLINT NOT NULL,
    severity_text   VARCHAR(64),
    trace_hi        BIGINT   NOT NULL,
    trace_lo        BIGINT   NOT NULL,
    span_id         BIGINT   NOT NULL,
    body            VARCHAR(1000000),              -- the body as text, for q= search
    resource_id     BIGINT   NOT NULL,
    detail          BYTEA    NOT NULL              -- scope, attributes, structured body, flags, event name, dropped count
);
-- for TraceQueries.trace(id) (a trace's logs) and LogQueries.search with traceId
CREATE INDEX logs_trace ON logs (trace_hi);
-- for LogQueries.search with a service, newest first
CREATE INDEX logs_service_time ON logs (service_id, time_ns);

-- Metrics: one row per (service, metric name); series = metric + resource + point attributes.
CREATE TABLE metrics (
    metric_id   INTEGER       NOT NULL PRIMARY KEY,
    service_id  INTEGER       NOT NULL,
    metric_name VARCHAR(1024) NOT NULL,
    metric_type SMALLINT      NOT NULL,            -- MetricType ordinal
    temporality SMALLINT      NOT NULL,            -- AggregationTemporality ordinal
    monotonic   BOOLEAN       NOT NULL,
    unit        VARCHAR(256),
    description VARCHAR(4096)
);
-- for MetricQueries.metrics(service) and the writer's dictionary
CREATE UNIQUE INDEX metrics_service_name ON metrics (service_id, metric_name);

CREATE TABLE metric_series (
    series_id   BIGINT  NOT NULL PRIMARY KEY,      -- hash of (metric, resource, attributes)
    metric_id   INTEGER NOT NULL,
    resource_id BIGINT  NOT NULL,
    detail      BYTEA   NOT NULL                   -- point attributes
);
-- for MetricQueries.series: the series of one metric
CREATE INDEX metric_series_metric ON metric_series (metric_id);

CREATE TABLE metric_points (
    point_key    BIGINT NOT NULL PRIMARY KEY,      -- (time millis << 20) | sequence
    series_id    BIGINT NOT NULL,
    start_ns     BIGINT NOT NULL,
    time_ns      BIGINT NOT NULL,
    num_value    DOUBLE PRECISION,                 -- gauge/sum value; histogram/summary sum
    point_count  BIGINT,                           -- histogram/summary count
    detail       BYTEA                             -- histogram buckets, summary quantiles, exemplars, flags
);
-- for MetricQueries.series: the points of a series in a window
CREATE INDEX metric_points_series ON metric_points (series_id, time_ns);

-- RED rollups per (service, operation, span kind, minute), maintained by the writer in the same
-- transaction as the spans. An operation is the span name of SERVER/CONSUMER spans and of root spans.
CREATE TABLE red_rollup (
    service_id      INTEGER  NOT NULL,
    bucket_minute   BIGINT   NOT NULL,             -- epoch minutes
    operation_id    INTEGER  NOT NULL,             -- span_names.name_id
    kind            SMALLINT NOT NULL,
    request_count   BIGINT   NOT NULL,
    error_count     BIGINT   NOT NULL,
    duration_sum_ns BIGINT   NOT NULL,
    status_ok       BIGINT   NOT NULL,             -- http status < 400
    status_4xx      BIGINT   NOT NULL,
    status_5xx      BIGINT   NOT NULL,
    histogram       BYTEA    NOT NULL,             -- HdrHistogram of microseconds, 2 significant digits, zstd
    PRIMARY KEY (service_id, bucket_minute, operation_id, kind)
);
-- ServiceQueries.services reads every service in a window
CREATE INDEX red_rollup_minute ON red_rollup (bucket_minute);

-- Spans per service and minute (every kind), for ServiceSummary.spanCount.
CREATE TABLE service_rollup (
    service_id    INTEGER NOT NULL,
    bucket_minute BIGINT  NOT NULL,
    span_count    BIGINT  NOT NULL,
    PRIMARY KEY (service_id, bucket_minute)
);
