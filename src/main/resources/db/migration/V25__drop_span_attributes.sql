-- The attribute side index now lives in attribute_postings (V23, V24).
DROP TABLE span_attributes;
