-- Service-level RED per minute, next to the span count: ServiceQueries.services() merges one
-- histogram per service and minute instead of one per operation, kind and minute.
ALTER TABLE service_rollup ADD COLUMN request_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE service_rollup ADD COLUMN error_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE service_rollup ADD COLUMN histogram BYTEA;
