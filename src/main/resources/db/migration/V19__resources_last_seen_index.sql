-- For the options of a dashboard's attribute variable (query.jdbc.JdbcResourceAttributeValues:
-- SELECT detail FROM resources WHERE last_seen_ns IS NULL OR last_seen_ns >= ? ORDER BY last_seen_ns DESC
-- NULLS LAST FETCH FIRST 5000 ROWS ONLY), run at every load and auto-refresh of such a dashboard: without an
-- index in that order each run sorted the whole resources table to keep the 5,000 most recently used.
-- NULLS LAST is spelt out in the query and here because PostgreSQL puts NULLs first in a DESC order and H2 last;
-- NULL is a resource not used since before V13, the least recent. Common SQL: runs unchanged on H2 2.x and
-- PostgreSQL.
CREATE INDEX resources_last_seen ON resources (last_seen_ns DESC NULLS LAST);
