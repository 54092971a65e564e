-- zstd dictionaries trained on the first detail values of each kind (spans, logs); detail values
-- compressed with one name its id (see storage.jdbc.Compression). Never deleted: old rows need them.
CREATE TABLE compression_dictionaries (
    dictionary_id INTEGER     NOT NULL PRIMARY KEY,
    kind          VARCHAR(32) NOT NULL,
    dictionary    BYTEA       NOT NULL
);
