"""SQLite store: WAL, versioned migrations, FTS5 over the matching form, explicit transactions."""
from __future__ import annotations

import json
import sqlite3
from itertools import islice, product
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from riwaya.errors import StoreError
from riwaya.model import Article, Document, Event, Source, Story
from riwaya.store import codec
from riwaya.store.base import AddResult, Nested, Pending, group_stories, search_lines, source_key

RAW_SINCE = 3  # the schema that keeps raw inputs; an older store with articles cannot be re-derived


def _migrations(folder: str = "migrations") -> list[tuple[int, str]]:
    """``(version, SQL)`` of the migration files ``NNN_*.sql`` in ``folder`` of this package."""
    out = []
    for f in resources.files("riwaya.store").joinpath(folder).iterdir():
        if f.name.endswith(".sql"):
            out.append((int(f.name.split("_", 1)[0]), f.read_text(encoding="utf-8")))
    return sorted(out)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SqliteStore(Nested):
    def __init__(self, path: str):
        self.path = str(path)
        self._depth = 0
        self._writes = 0  # this connection's committed write transactions (the vocabulary cache's mark)
        self._vocab: tuple | None = None
        self._seqs: tuple | None = None
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=60)
            _patiently(lambda: self.db.execute("PRAGMA journal_mode=WAL"))
            self.db.execute("PRAGMA synchronous=NORMAL")
            _patiently(self._migrate)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a riwaya database ({err})") from err

    # -- transactions and schema ------------------------------------------------------------------
    def _joined(self):
        return self.db.cursor()

    @contextmanager
    def _outer(self):
        """One write transaction under SQLite's write lock (``transaction()``: nested uses join it)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db.cursor()
        except BaseException:
            if self.db.in_transaction:  # SQLite may have rolled back already (disk full, I/O error)
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        self._writes += 1

    def _migrate(self) -> None:
        known = _migrations()
        latest = known[-1][0] if known else 0
        with self.transaction():  # under the write lock: two processes opening a new store agree
            have = self.db.execute("PRAGMA user_version").fetchone()[0]
            if have > latest:
                raise StoreError(f"{self.path}: schema version {have} is newer than this riwaya ({latest})")
            if 0 < have < RAW_SINCE and self.db.execute("SELECT count(*) FROM articles").fetchone()[0]:
                raise StoreError(f"{self.path}: made by an older riwaya that did not keep its raw inputs "
                                 f"(schema {have}); ingest the inputs into a new store")
            for version, sql in known:
                if version > have:
                    for stmt in _split(sql):
                        self.db.execute(stmt)
                    self.db.execute(f"PRAGMA user_version={version}")

    # -- inputs and articles ----------------------------------------------------------------------
    def recorded(self, sources) -> set[tuple[str, str, str]]:
        keys = {source_key(s) for s in sources}
        q = "SELECT 1 FROM inputs WHERE path=? AND member=? AND external_id=?"
        return {k for k in keys if self.db.execute(q, k).fetchone()}

    def _record(self, cur, article_id: str, source: Source, doc: str | None, seq: list[int]) -> bool:
        cur.execute("INSERT OR IGNORE INTO inputs VALUES (?,?,?,?,?,?,?)",
                    (*source_key(source), article_id, seq[0], _dumps(source.to_json()), doc))
        seq[0] += 1
        return bool(cur.rowcount)

    def _next_seq(self, cur) -> list[int]:
        return [cur.execute("SELECT coalesce(max(seq), 0) + 1 FROM inputs").fetchone()[0]]

    def add_documents(self, docs: Iterable[tuple[str, Document]]) -> AddResult:
        res = AddResult()
        with self.transaction() as cur:
            seq = self._next_seq(cur)
            for aid, doc in docs:
                if not self._record(cur, aid, doc.source, _dumps(codec.document_to_json(doc)), seq):
                    res.seen += 1
                    continue
                cur.execute("INSERT OR IGNORE INTO articles(id, outlet) VALUES (?,?)", (aid, doc.outlet))
                if cur.rowcount:
                    res.new.append(aid)
                else:
                    res.merged += 1
        return res

    def add(self, articles: Iterable[Article]) -> AddResult:
        res = AddResult()
        with self.transaction() as cur:
            seq = self._next_seq(cur)
            for a in articles:
                fresh = [s for s in a.sources if self._record(cur, a.id, s, None, seq)]
                if not fresh:
                    res.seen += 1
                    continue
                cur.execute("INSERT OR IGNORE INTO articles(id, outlet) VALUES (?,?)", (a.id, a.outlet))
                if cur.rowcount:
                    res.new.append(a.id)
                    self._put_analysis(cur, a, "imported")
                else:
                    res.merged += 1
        return res

    def pending(self) -> list[Pending]:
        raw = {r[0] for r in self.db.execute("SELECT DISTINCT article_id FROM inputs WHERE doc IS NOT NULL")}
        return [Pending(i, s, o, an, i in raw) for s, i, o, an in
                self.db.execute("SELECT seq, id, outlet, analysed FROM articles ORDER BY seq")]

    def documents(self, ids: Iterable[str]) -> dict[str, list[Document]]:
        out: dict[str, list[Document]] = {}
        for aid in ids:
            rows = self.db.execute("SELECT doc FROM inputs WHERE article_id=? AND doc IS NOT NULL ORDER BY seq",
                                   (aid,)).fetchall()
            out[aid] = [codec.document_from_json(json.loads(d)) for (d,) in rows]
        return out

    def _put_analysis(self, cur, a: Article | codec.AnalysisRow, signature: str | None = None) -> None:
        r = a if isinstance(a, codec.AnalysisRow) else codec.analysis_row(a, signature)
        cur.execute("UPDATE articles SET data=?, published=?, analysed=? WHERE id=?",
                    (r.data, r.published, r.signature, r.id))
        cur.execute("DELETE FROM layers WHERE article_id=? AND kind='article'", (r.id,))
        cur.executemany("INSERT OR REPLACE INTO layers VALUES (?,?,'article',?)", [(r.id, k, v) for k, v in r.layers])
        # the FTS row's rowid is the article's seq: replaced by key, not found by a scan of an unindexed column
        seq = cur.execute("SELECT seq FROM articles WHERE id=?", (r.id,)).fetchone()[0]
        cur.execute("DELETE FROM fts WHERE rowid=?", (seq,))
        cur.execute("INSERT INTO fts(rowid, id, title, body) VALUES (?,?,?,?)", (seq, r.id, r.title_key, r.text_key))

    def put_analysed(self, analysed: Iterable) -> None:
        """``(article, signature)`` pairs, or ``codec.AnalysisRow`` values made where they were derived."""
        with self.transaction() as cur:
            for item in analysed:
                self._put_analysis(cur, *((item,) if isinstance(item, codec.AnalysisRow) else item))

    def _rows(self, select: str, ids: list[str] | None, order: str = "") -> list:
        """Rows of ``select`` (over a table with ``article_id``): all of them, or those of ``ids``."""
        if ids is None:
            return self.db.execute(f"{select} {order}").fetchall()
        rows = []
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            rows += self.db.execute(f"{select} WHERE article_id IN ({','.join('?' * len(chunk))}) {order}",
                                    chunk).fetchall()
        return rows

    def _sources(self, ids: list[str] | None = None) -> dict[str, tuple[Source, ...]]:
        out: dict[str, list[Source]] = {}
        for aid, s in self._rows("SELECT article_id, source FROM inputs", ids, "ORDER BY seq"):
            out.setdefault(aid, []).append(Source(**json.loads(s)))
        return {k: tuple(v) for k, v in out.items()}

    def _layers(self, ids: list[str] | None = None) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for aid, name, data in self._rows("SELECT article_id, name, data FROM layers", ids):
            out.setdefault(aid, {})[name] = json.loads(data)
        return out

    @staticmethod
    def _article(data: str, aid: str, sources: dict, layers: dict) -> Article:
        d = json.loads(data)
        d["id"] = aid
        d["sources"] = [s.to_json() for s in sources.get(aid, ())]
        return codec.article_from_json(d, layers.get(aid, {}))

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT id, data FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            row = self.db.execute("SELECT a.id, a.data FROM inputs s JOIN articles a ON a.id=s.article_id "
                                  "WHERE s.external_id=? LIMIT 1", (article_id,)).fetchone()
        if row is None or row[1] is None:
            return None
        return self._article(row[1], row[0], self._sources([row[0]]), self._layers([row[0]]))

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is not None:  # read in chunks of a few queries each, not three queries an article
            ids = list(ids)
            for k in range(0, len(ids), 500):
                chunk = ids[k:k + 500]
                data = dict(self._rows("SELECT article_id, data FROM (SELECT id AS article_id, data FROM articles) AS a",
                                       chunk))
                sources, layers = self._sources(chunk), self._layers(chunk)
                for i in chunk:
                    if data.get(i) is not None:
                        yield self._article(data[i], i, sources, layers)
                    elif i not in data and (a := self.get(i)) is not None:  # an external id (an ANT DOCNO)
                        yield a
            return
        layers, sources = self._layers(), self._sources()
        for aid, data in self.db.execute("SELECT id, data FROM articles WHERE data IS NOT NULL ORDER BY seq"):
            yield self._article(data, aid, sources, layers)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None, str]]:
        return search_lines(self, query, limit)

    def changes(self) -> tuple[int, int]:
        # another connection's commit changes data_version; this one's own writes bump _writes
        return (self.db.execute("PRAGMA data_version").fetchone()[0], self._writes)

    def vocabulary(self) -> frozenset[str]:
        mark = self.changes()
        if self._vocab is None or self._vocab[0] != mark:
            self._vocab = (mark, frozenset(t for (t,) in self.db.execute("SELECT term FROM fts_words")))
        return self._vocab[1]

    def find(self, query) -> list[tuple[str, float]]:
        """Every match; scored by bm25 (weights by column: id unindexed, title 4, body 1) when there
        are at most ``BM25_ALL``, else only the matches whose title matches are (bm25 over the title:
        FTS5's bm25 costs about 3x the matching itself), the others following with score 0."""
        expr = fts_expression(query)
        if not expr:
            return []
        # the FTS rowid is the article's seq: reading it costs nothing, reading the id column a
        # lookup per row (3x the time on ANT). FTS5's bm25 is lower for a better match.
        ids = self._ids_by_seq()
        rows = [r for (r,) in self.db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (expr,)) if r in ids]
        if len(rows) <= BM25_ALL:
            got = ((ids.get(r), -b) for r, b in self.db.execute(
                "SELECT rowid, bm25(fts, 0.0, 4.0, 1.0) AS b FROM fts WHERE fts MATCH ? ORDER BY b, rowid", (expr,)))
            return [p for p in got if p[0] is not None]
        scored = [(r, -b) for r, b in self.db.execute(
            "SELECT rowid, bm25(fts, 0.0, 1.0, 0.0) AS b FROM fts WHERE fts MATCH ? ORDER BY b, rowid",
            ("{title} : (" + expr + ")",)) if r in ids]
        seen = {r for r, _ in scored}
        return [(ids[r], s) for r, s in scored] + [(ids[r], 0.0) for r in sorted(rows) if r not in seen]

    def texts(self, ids) -> dict[str, tuple[str | None, str]]:
        ids = list(ids)
        out = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            for aid, title, text in self.db.execute(
                    "SELECT id, json_extract(data, '$.title'), json_extract(data, '$.text') FROM articles "
                    f"WHERE data IS NOT NULL AND id IN ({','.join('?' * len(chunk))})", chunk):
                out[aid] = (title, text or "")
        return out

    def _ids_by_seq(self) -> dict[int, str]:
        mark = self.changes()
        if self._seqs is None or self._seqs[0] != mark:
            self._seqs = (mark, dict(self.db.execute("SELECT seq, id FROM articles WHERE data IS NOT NULL")))
        return self._seqs[1]

    # -- corpus layers ----------------------------------------------------------------------------
    def put_corpus_layers(self, stage: str, layers: dict[str, dict[str, tuple]]) -> None:
        with self.transaction() as cur:
            cur.executemany("INSERT OR REPLACE INTO layers VALUES (?,?,?,?)",
                            [(aid, name, f"corpus:{stage}", _dumps(codec.layer_to_json(name, items)))
                             for aid, by in layers.items() for name, items in by.items()])

    def drop_corpus_layers(self, stage: str, name: str) -> None:
        with self.transaction() as cur:
            cur.execute("DELETE FROM layers WHERE name=? AND kind=?", (name, f"corpus:{stage}"))

    # -- events and stories -----------------------------------------------------------------------
    def save_events(self, events: list[Event], history: list[dict] | None = None) -> None:
        with self.transaction() as cur:
            cur.execute("DELETE FROM events")
            cur.executemany("INSERT INTO events VALUES (?,?,?,?)",
                            [(e.id, e.story, e.date, _dumps(codec.event_to_json(e))) for e in events])
            if history:
                cur.executemany("INSERT INTO history(data) VALUES (?)", [(_dumps(h),) for h in history])

    def events(self) -> list[Event]:
        return [codec.event_from_json(json.loads(d)) for (d,) in self.db.execute("SELECT data FROM events ORDER BY id")]

    def stories(self) -> list[Story]:
        return group_stories(self.events())

    def history(self) -> list[dict]:
        return [json.loads(d) for (d,) in self.db.execute("SELECT data FROM history ORDER BY seq")]

    # -- vectors ----------------------------------------------------------------------------------
    def put_vectors(self, kind: str, vectors: dict[str, np.ndarray]) -> None:
        with self.transaction() as cur:
            cur.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?,?)",
                            [(kind, k, v.dtype.str, v.tobytes()) for k, v in vectors.items()])

    def vectors(self, kind: str, keys: Iterable[str]) -> dict[str, np.ndarray]:
        keys = list(keys)
        out: dict[str, np.ndarray] = {}
        for k in range(0, len(keys), 500):
            chunk = keys[k:k + 500]
            q = f"SELECT key, dtype, data FROM vectors WHERE kind=? AND key IN ({','.join('?' * len(chunk))})"
            out.update({key: np.frombuffer(data, dtype=dt) for key, dt, data in self.db.execute(q, [kind, *chunk])})
        return out

    # -- model state ------------------------------------------------------------------------------
    def get_state(self, name: str, key: str) -> tuple[int, str] | None:
        row = self.db.execute("SELECT version, data FROM state WHERE name=? AND key=?", (name, key)).fetchone()
        return (row[0], row[1]) if row else None

    def states(self, name: str) -> dict[str, tuple[int, str]]:
        return {k: (v, d) for k, v, d in self.db.execute("SELECT key, version, data FROM state WHERE name=?", (name,))}

    def put_state(self, name: str, key: str, version: int, data: str) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO state VALUES (?,?,?,?)", (name, key, version, data))

    def stage_mark(self, stage: str) -> tuple[str, int] | None:
        row = self.db.execute("SELECT version, seq FROM stage_runs WHERE stage=?", (stage,)).fetchone()
        return (row[0], row[1]) if row else None

    def set_stage_mark(self, stage: str, version: str, seq: int) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO stage_runs VALUES (?,?,?)", (stage, version, seq))

    # -- catalog ----------------------------------------------------------------------------------
    def corpus_layers(self) -> Iterator[tuple[str, str, str, list]]:
        for kind, aid, name, data in self.db.execute(
                "SELECT kind, article_id, name, data FROM layers WHERE kind <> 'article' "
                "ORDER BY kind, article_id, name"):
            yield kind.split(":", 1)[1], aid, name, json.loads(data)

    def vector_keys(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.db.execute("SELECT kind, key FROM vectors ORDER BY kind, key")]

    def state_names(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT name FROM state ORDER BY name")]

    def stage_marks(self) -> dict[str, tuple[str, int]]:
        return {s: (v, q) for s, v, q in self.db.execute("SELECT stage, version, seq FROM stage_runs")}

    def close(self) -> None:
        self.db.close()


MAX_PHRASES = 64
BM25_ALL = 1000  # find: match sets up to this size are all scored by bm25


def fts_expression(query) -> str:
    """A concrete query (``riwaya.search.expand.Query``) as an FTS5 expression over known words:
    a word set as an OR of its words, a phrase as an OR of its spellings (at most MAX_PHRASES, the
    shortest spellings first)."""
    def alt(a) -> str:
        if len(a) == 1:
            return " OR ".join(f'"{w}"' for w in sorted(a[0]))
        # the shortest spellings first (the bare word before its forms with clitics), so the
        # phrases kept under MAX_PHRASES begin with the one typed
        return " OR ".join('"' + " ".join(ws) + '"' for ws in islice(
            product(*(sorted(x, key=lambda w: (len(w), w)) for x in a)), MAX_PHRASES))

    def unit(m) -> str:
        return "(" + " OR ".join(f"({alt(a)})" for a in m.alternatives) + ")"

    groups = []
    for g in query.groups:
        inc = " AND ".join(unit(m) for m in g.include)
        groups.append(f"({inc})" + "".join(f" NOT {unit(m)}" for m in g.exclude))
    return " OR ".join(f"({x})" for x in groups)


def _patiently(step, wait_s: float = 60.0):
    """Run ``step``, again while SQLite answers "locked" or "busy" (up to ``wait_s``). Changing the
    journal mode, and the first reads of a store another process is creating, can answer so at
    once, without the connection's busy timeout: wait for the other process as the timeout would."""
    import time

    deadline = time.monotonic() + wait_s
    while True:
        try:
            return step()
        except sqlite3.OperationalError as err:
            if ("locked" not in str(err) and "busy" not in str(err)) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _split(sql: str) -> list[str]:
    """Statements of a migration file (comments dropped; no semicolons or "--" inside our literals)."""
    lines = [ln.split("--", 1)[0] for ln in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
