-- riwaya schema v1
CREATE TABLE articles (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    published  TEXT,
    outlet     TEXT,
    data       TEXT NOT NULL            -- codec.article_to_json, without layers
);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE sources (
    article_id  TEXT NOT NULL,
    path        TEXT NOT NULL,
    member      TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (path, member, external_id)
) WITHOUT ROWID;
CREATE INDEX sources_article ON sources(article_id);
CREATE INDEX sources_external ON sources(external_id);

CREATE TABLE layers (
    article_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (article_id, name)
) WITHOUT ROWID;

-- full-text search over the matching form (normalised Arabic) of title and text
CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE events (
    id    TEXT PRIMARY KEY,
    story TEXT,
    date  TEXT,
    data  TEXT NOT NULL
);

CREATE TABLE history (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    data TEXT NOT NULL
);

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
