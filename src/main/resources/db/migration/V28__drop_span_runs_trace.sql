-- The trace-id index is trace_index now (V26, filled by V27).
DROP INDEX span_runs_trace;
