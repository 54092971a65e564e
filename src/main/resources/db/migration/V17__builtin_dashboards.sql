-- Built-in dashboards (dev.meridian.dashboards.BuiltInDashboards) provisioned once: a row here means the
-- built-in was created, so a user who deletes it does not get it back at the next start (only through
-- "Restore built-in"). The primary key is what makes provisioning idempotent when two instances start at once.
-- Common SQL: runs unchanged on H2 2.x and PostgreSQL.
CREATE TABLE builtin_dashboards (
    builtin_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    provisioned_ms BIGINT      NOT NULL
);
