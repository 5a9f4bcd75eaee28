-- riwaya schema v4: the words the search index holds, so a query word can be widened to the
-- stored words that are its forms (riwaya.search.forms) before it is matched
CREATE VIRTUAL TABLE fts_words USING fts5vocab(fts, 'row');
