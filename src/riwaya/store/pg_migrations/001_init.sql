-- riwaya PostgreSQL schema v1: the tables of the SQLite schema v3 (store/migrations/003_raw_inputs.sql),
-- with search as a tsvector over the matching form's words (made in Python, so no locale or parser decides
-- what an Arabic word is).

-- one row an article; id = ids.document_id of its first input (a hash of what was read)
CREATE TABLE articles (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- order of arrival
    id         TEXT NOT NULL UNIQUE,
    outlet     TEXT,                 -- the first input's metadata outlet (its furniture snapshot)
    published  TEXT,                 -- as analysed, for ordering
    analysed   TEXT,                 -- the signature the analysis was derived under
    data       TEXT,                 -- codec.article_to_json of the analysis; NULL until analysed
    tsv        tsvector              -- the matching form's words: the title's weighted A
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_tsv ON articles USING gin(tsv);

-- every input as read, keyed by where it came from
CREATE TABLE inputs (
    path        TEXT NOT NULL,
    member      TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL DEFAULT '',
    article_id  TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    source      TEXT NOT NULL,       -- Source.to_json
    doc         TEXT,                -- codec.document_to_json; NULL for imported analyses
    PRIMARY KEY (path, member, external_id)
);
CREATE INDEX inputs_article ON inputs(article_id, seq);
CREATE INDEX inputs_external ON inputs(external_id);
CREATE INDEX inputs_seq ON inputs(seq);

-- standoff layers; kind 'article' (replaced by analyse) or 'corpus:<stage>'
CREATE TABLE layers (
    article_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (article_id, name)
);
CREATE INDEX layers_kind ON layers(kind, name);

CREATE TABLE events (
    id    TEXT PRIMARY KEY,
    story TEXT,
    date  TEXT,
    data  TEXT NOT NULL
);

CREATE TABLE history (
    seq  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    data TEXT NOT NULL
);

-- typed vectors keyed by a hash of their input (a cache: never evidence)
CREATE TABLE vectors (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    dtype TEXT NOT NULL,
    data  BYTEA NOT NULL,
    PRIMARY KEY (kind, key)
);

CREATE TABLE state (
    name    TEXT NOT NULL,
    key     TEXT NOT NULL,
    version INTEGER NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (name, key)
);

CREATE TABLE stage_runs (
    stage   TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    seq     BIGINT NOT NULL
);
