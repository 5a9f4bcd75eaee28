-- riwaya schema v2: sentence embeddings, computed once per article and model
CREATE TABLE embeddings (
    article_id TEXT NOT NULL,
    model      TEXT NOT NULL,
    data       BLOB NOT NULL,            -- float32 little-endian, unit length
    PRIMARY KEY (article_id, model)
) WITHOUT ROWID;
