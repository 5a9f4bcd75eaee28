-- riwaya schema v3: what was read is kept, and every derived value can be derived again from it.
-- A store of schema 1 or 2 that holds articles has no raw inputs and is refused (re-ingest it);
-- an empty one is rebuilt here.
DROP TABLE IF EXISTS fts;
DROP TABLE IF EXISTS layers;
DROP TABLE IF EXISTS sources;
DROP TABLE IF EXISTS embeddings;
DROP TABLE IF EXISTS articles;
DROP TABLE IF EXISTS meta;

-- one row an article; id = ids.document_id of its first input (a hash of what was read)
CREATE TABLE articles (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,   -- order of arrival
    id         TEXT NOT NULL UNIQUE,
    outlet     TEXT,                                -- the first input's metadata outlet (its furniture snapshot)
    published  TEXT,                                -- as analysed (own text or metadata), for ordering
    analysed   TEXT,                                -- the signature the analysis below was derived under
    data       TEXT                                 -- codec.article_to_json of the analysis; NULL until analysed
);
CREATE INDEX articles_published ON articles(published);

-- every input as read (the base of every per-article stage), keyed by where it came from
CREATE TABLE inputs (
    path        TEXT NOT NULL,
    member      TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL DEFAULT '',
    article_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    source      TEXT NOT NULL,                      -- Source.to_json
    doc         TEXT,                               -- codec.document_to_json; NULL for imported analyses
    PRIMARY KEY (path, member, external_id)
) WITHOUT ROWID;
CREATE INDEX inputs_article ON inputs(article_id, seq);
CREATE INDEX inputs_external ON inputs(external_id);
CREATE INDEX inputs_seq ON inputs(seq);

-- standoff layers by article and name; kind 'article' (per-article stages, replaced by analyse)
-- or 'corpus:<stage>' (written by that corpus stage alone)
CREATE TABLE layers (
    article_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (article_id, name)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');

-- typed vectors keyed by a hash of the input they were computed from (a cache: never evidence)
CREATE TABLE vectors (
    kind  TEXT NOT NULL,
    key   TEXT NOT NULL,
    dtype TEXT NOT NULL,
    data  BLOB NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- versioned model state learned from the corpus (outlet furniture, snapshots, document frequencies)
CREATE TABLE state (
    name    TEXT NOT NULL,
    key     TEXT NOT NULL,
    version INTEGER NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (name, key)
) WITHOUT ROWID;

-- how far each corpus stage has read: the last article seq it took in, under which version
CREATE TABLE stage_runs (
    stage   TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    seq     INTEGER NOT NULL
);
