-- User-built dashboards (dev.meridian.dashboards). The definition is the export JSON
-- (DashboardJson, schemaVersion inside), so the table never changes when panels learn new options.
-- Common SQL: runs unchanged on H2 2.x and PostgreSQL (TEXT is a CLOB on H2).
CREATE TABLE dashboards (
    dashboard_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    title        VARCHAR(200) NOT NULL,
    panel_count  INTEGER      NOT NULL,
    definition   TEXT         NOT NULL,
    revision     BIGINT       NOT NULL,
    created_ms   BIGINT       NOT NULL,
    updated_ms   BIGINT       NOT NULL
);
