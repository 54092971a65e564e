-- The spans now live in span_runs (V20, V21); the attribute side index already names key ranges of them.
DROP TABLE trace_runs;
DROP TABLE spans;
