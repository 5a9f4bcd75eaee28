"""PostgreSQL store (psycopg 3): the same protocols and semantics as ``store/sqlite.py``.

- One writer at a time, as in SQLite: every write transaction first takes a transaction-level
  advisory lock (SQLite's ``BEGIN IMMEDIATE``), so several processes may ingest at once and each
  input is recorded once (content-hash ids, unique sources); readers never wait.
- Versioned migrations (``store/pg_migrations/NNN_*.sql``) applied under a session advisory lock,
  so two processes opening a new database agree on its schema.
- Writes are batched (``executemany``, which psycopg pipelines; look-ups by ``= ANY(array)``).
- Search: a tsvector of the matching form's words (made here, weighted A for the title), queried
  with a tsquery of the query's words in the same form, ranked by ``ts_rank``.
"""
from __future__ import annotations

import json
import re
from contextlib import contextmanager
from typing import Iterable, Iterator

import numpy as np

from riwaya.errors import StoreError
from riwaya.model import Article, Document, Event, Story
from riwaya.store import codec
from riwaya.store.base import AddResult, Nested, Pending, group_stories, search_lines, source_key
from riwaya.store.sqlite import SqliteStore, _dumps, _migrations
from riwaya.text.normalise import match

WRITE_LOCK = 0x72697761  # "riwa": the one-writer lock of a riwaya database
MIGRATE_LOCK = 0x72697762
_WORD = re.compile(r"\w+")
_LEXEME_BYTES = 2046  # PostgreSQL's longest lexeme
_TSV_BYTES = 900_000  # under the 1 MB a tsvector may hold


def _t(s: str | None) -> str | None:
    """A value for a text column: PostgreSQL text cannot hold NUL (SQLite can); the value as read
    stays whole in the row's JSON."""
    return s.replace("\x00", "\ufffd") if s and "\x00" in s else s


def _key(source) -> tuple[str, str, str]:
    return tuple(_t(k) for k in source_key(source))  # type: ignore[return-value]


def words(text: str) -> list[str]:
    """The distinct words of a matching form, as lexemes PostgreSQL accepts."""
    seen: dict[str, None] = {}
    size = 0
    for w in _WORD.findall(text):
        if w in seen:
            continue
        n = len(w.encode("utf-8"))
        if n > _LEXEME_BYTES:
            continue
        size += n + 8
        if size > _TSV_BYTES:
            break
        seen[w] = None
    return list(seen)


def _snippet(body: str, terms: list[str], width: int = 12) -> str:
    toks = body.split()
    hit = next((i for i, t in enumerate(toks) if any(x in t for x in terms)), 0)
    lo = max(0, hit - width // 2)
    part = [f"[{t}]" if any(x in t for x in terms) else t for t in toks[lo:lo + width]]
    return ("…" if lo else "") + " ".join(part) + ("…" if lo + width < len(toks) else "")


class PostgresStore(Nested):
    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError as err:
            raise StoreError("a postgresql:// store needs psycopg: pip install 'riwaya[scale]'") from err
        self.path = url
        self._depth = 0
        self._writes = 0  # this connection's committed write transactions (the vocabulary cache's mark)
        self._vocab: tuple | None = None
        try:
            self.db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"{_redact(url)}: cannot connect ({str(err).strip().splitlines()[0]})") from err
        self._migrate()

    # -- transactions and schema ------------------------------------------------------------------
    def _joined(self):
        return self.db.cursor()

    @contextmanager
    def _outer(self):
        """One write transaction under the database's write lock (``transaction()``: nested uses join it)."""
        with self.db.transaction():
            cur = self.db.cursor()
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield cur
        self._writes += 1

    def _migrate(self) -> None:
        known = _migrations("pg_migrations")
        latest = known[-1][0] if known else 0
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            self.db.execute("CREATE TABLE IF NOT EXISTS riwaya_schema (version INTEGER NOT NULL)")
            have = self.db.execute("SELECT coalesce(max(version), 0) FROM riwaya_schema").fetchone()[0]
            if have > latest:
                raise StoreError(f"{_redact(self.path)}: schema version {have} is newer than this riwaya ({latest})")
            for version, sql in known:
                if version > have:
                    self.db.execute(sql)
                    self.db.execute("INSERT INTO riwaya_schema VALUES (%s)", (version,))

    # -- inputs and articles ----------------------------------------------------------------------
    def _recorded(self, cur, keys: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
        out: set = set()
        for k in range(0, len(keys), 1000):
            chunk = keys[k:k + 1000]
            cur.execute("SELECT path, member, external_id FROM inputs WHERE (path, member, external_id) IN "
                        "(SELECT * FROM unnest(%s::text[], %s::text[], %s::text[]))",
                        ([c[0] for c in chunk], [c[1] for c in chunk], [c[2] for c in chunk]))
            out.update(map(tuple, cur.fetchall()))
        return out

    def recorded(self, sources) -> set[tuple[str, str, str]]:
        keys = {source_key(s): _key(s) for s in sources}
        have = self._recorded(self.db.cursor(), list(set(keys.values())))
        return {orig for orig, k in keys.items() if k in have}

    def _existing(self, cur, ids: list[str]) -> set[str]:
        cur.execute("SELECT id FROM articles WHERE id = ANY(%s)", (ids,))
        return {r[0] for r in cur.fetchall()}

    def _add(self, cur, rows: list[tuple[str, object, str | None, str | None]], res: AddResult) -> list[str]:
        """``(article id, source, document JSON or None, outlet)``: record the sources not recorded
        (one input each) and the articles not stored; the ids stored for the first time."""
        have = self._recorded(cur, list({_key(s) for _, s, _, _ in rows}))
        stored = self._existing(cur, list({aid for aid, *_ in rows}))
        cur.execute("SELECT coalesce(max(seq), 0) + 1 FROM inputs")
        seq = cur.fetchone()[0]
        inputs, articles, new = [], [], []
        for aid, source, doc, outlet in rows:
            k = _key(source)
            if k in have:
                res.seen += 1
                continue
            have.add(k)
            inputs.append((*k, aid, seq, _dumps(source.to_json()), doc))
            seq += 1
            if aid in stored:
                res.merged += 1
                continue
            stored.add(aid)
            articles.append((aid, _t(outlet)))
            new.append(aid)
        cur.executemany("INSERT INTO inputs VALUES (%s,%s,%s,%s,%s,%s,%s)", inputs)
        cur.executemany("INSERT INTO articles(id, outlet) VALUES (%s,%s)", articles)
        res.new += new
        return new

    def add_documents(self, docs: Iterable[tuple[str, Document]]) -> AddResult:
        res = AddResult()
        rows = [(aid, d.source, _dumps(codec.document_to_json(d)), d.outlet) for aid, d in docs]
        if rows:
            with self.transaction() as cur:
                self._add(cur, rows, res)
        return res

    def add(self, articles: Iterable[Article]) -> AddResult:
        res = AddResult()
        with self.transaction() as cur:
            for a in articles:  # an article counts once: new, merged (a fresh source) or seen
                sub = AddResult()
                new = self._add(cur, [(a.id, s, None, a.outlet) for s in a.sources], sub)
                if sub.seen == len(a.sources):
                    res.seen += 1
                elif new:
                    res.new.append(a.id)
                    self._put_rows(cur, [codec.analysis_row(a, "imported")])
                else:
                    res.merged += 1
        return res

    def pending(self) -> list[Pending]:
        cur = self.db.execute(
            "SELECT a.id, a.seq, a.outlet, a.analysed, EXISTS (SELECT 1 FROM inputs i WHERE i.article_id=a.id "
            "AND i.doc IS NOT NULL) FROM articles a ORDER BY a.seq")
        return [Pending(*r) for r in cur]

    def documents(self, ids: Iterable[str]) -> dict[str, list[Document]]:
        ids = list(ids)
        out: dict[str, list[Document]] = {aid: [] for aid in ids}
        for k in range(0, len(ids), 1000):
            for aid, d in self.db.execute("SELECT article_id, doc FROM inputs WHERE article_id = ANY(%s) "
                                          "AND doc IS NOT NULL ORDER BY seq", (ids[k:k + 1000],)):
                out[aid].append(codec.document_from_json(json.loads(d)))
        return out

    def _put_rows(self, cur, rows: list[codec.AnalysisRow]) -> None:
        cur.executemany(
            "UPDATE articles SET data=%s, published=%s, analysed=%s, "
            "tsv = setweight(array_to_tsvector(%s::text[]), 'A') || array_to_tsvector(%s::text[]) WHERE id=%s",
            [(r.data, _t(r.published), r.signature, words(r.title_key), words(r.text_key), r.id) for r in rows])
        cur.execute("DELETE FROM layers WHERE article_id = ANY(%s) AND kind='article'", ([r.id for r in rows],))
        cur.executemany("INSERT INTO layers VALUES (%s,%s,'article',%s) ON CONFLICT (article_id, name) "
                        "DO UPDATE SET kind=excluded.kind, data=excluded.data",
                        [(r.id, k, v) for r in rows for k, v in r.layers])

    def put_analysed(self, analysed: Iterable) -> None:
        """``(article, signature)`` pairs, or ``codec.AnalysisRow`` values made where they were derived."""
        rows = {}
        for item in analysed:  # the last of one id wins, as when written one by one
            r = item if isinstance(item, codec.AnalysisRow) else codec.analysis_row(*item)
            rows.pop(r.id, None)
            rows[r.id] = r
        if rows:
            with self.transaction() as cur:
                self._put_rows(cur, list(rows.values()))

    def _rows(self, select: str, ids: list[str] | None, order: str = "") -> list:
        if ids is None:
            return self.db.execute(f"{select} {order}").fetchall()
        rows = []
        for k in range(0, len(ids), 1000):
            rows += self.db.execute(f"{select} WHERE article_id = ANY(%s) {order}", (ids[k:k + 1000],)).fetchall()
        return rows

    def _layers(self, ids: list[str] | None = None) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for aid, name, data in self._rows("SELECT article_id, name, data FROM layers", ids,
                                          'ORDER BY article_id, name COLLATE "C"'):
            out.setdefault(aid, {})[name] = json.loads(data)
        return out

    # rows to articles, and the listing in arrival order: SQLite's own code over this store's rows
    _sources = SqliteStore._sources
    _article = staticmethod(SqliteStore._article)
    articles = SqliteStore.articles

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT id, data FROM articles WHERE id=%s", (_t(article_id),)).fetchone()
        if row is None:
            row = self.db.execute("SELECT a.id, a.data FROM inputs s JOIN articles a ON a.id=s.article_id "
                                  "WHERE s.external_id=%s ORDER BY s.seq LIMIT 1", (_t(article_id),)).fetchone()
        if row is None or row[1] is None:
            return None
        return self._article(row[1], row[0], self._sources([row[0]]), self._layers([row[0]]))

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None, str]]:
        return search_lines(self, query, limit)

    def changes(self) -> tuple:
        """A mark that moves when the analysed articles change (this connection's writes, or the
        count and last arrival another connection's writes move)."""
        n, last = self.db.execute("SELECT count(*), coalesce(max(seq), 0) FROM articles WHERE data IS NOT NULL").fetchone()
        return (n, last, self._writes)

    def vocabulary(self) -> frozenset[str]:
        mark = self.changes()
        if self._vocab is None or self._vocab[0] != mark:
            rows = self.db.execute("SELECT word FROM ts_stat('SELECT tsv FROM articles WHERE tsv IS NOT NULL')")
            self._vocab = (mark, frozenset(w for (w,) in rows))
        return self._vocab[1]

    def find(self, query) -> list[tuple[str, float]]:
        """The articles matching a concrete query, best first: candidates by the tsvector (any word
        of the query's included units), then scored as the in-memory twin scores them."""
        from riwaya.search.expand import score
        from riwaya.search.forms import WORD

        wanted = sorted({w for g in query.groups for m in g.include for w in m.words})
        if not wanted:
            return []
        q = " | ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in wanted)
        scored = []
        for aid, seq, data in self.db.execute(
                "SELECT id, seq, data FROM articles WHERE tsv @@ %s::tsquery", (q,)):
            d = json.loads(data)
            sc = score(query, WORD.findall(match(d.get("title") or "")), WORD.findall(match(d.get("text") or "")))
            if sc:
                scored.append((-sc, seq, aid))
        return [(aid, -s) for s, _, aid in sorted(scored)]

    def texts(self, ids) -> dict[str, tuple[str | None, str]]:
        ids = list(ids)
        if not ids:
            return {}
        out = {}
        for aid, data in self.db.execute("SELECT id, data FROM articles WHERE data IS NOT NULL AND id = ANY(%s)",
                                         (ids,)):
            d = json.loads(data)
            out[aid] = (d.get("title"), d.get("text") or "")
        return out

    # -- corpus layers ----------------------------------------------------------------------------
    def put_corpus_layers(self, stage: str, layers: dict[str, dict[str, tuple]]) -> None:
        with self.transaction() as cur:
            cur.executemany("INSERT INTO layers VALUES (%s,%s,%s,%s) ON CONFLICT (article_id, name) "
                            "DO UPDATE SET kind=excluded.kind, data=excluded.data",
                            [(aid, name, f"corpus:{stage}", _dumps(codec.layer_to_json(name, items)))
                             for aid, by in layers.items() for name, items in by.items()])

    def drop_corpus_layers(self, stage: str, name: str) -> None:
        with self.transaction() as cur:
            cur.execute("DELETE FROM layers WHERE kind=%s AND name=%s", (f"corpus:{stage}", name))

    # -- events and stories -----------------------------------------------------------------------
    def save_events(self, events: list[Event], history: list[dict] | None = None) -> None:
        with self.transaction() as cur:
            cur.execute("DELETE FROM events")
            cur.executemany("INSERT INTO events VALUES (%s,%s,%s,%s)",
                            [(e.id, e.story, e.date, _dumps(codec.event_to_json(e))) for e in events])
            if history:
                cur.executemany("INSERT INTO history(data) VALUES (%s)", [(_dumps(h),) for h in history])

    def events(self) -> list[Event]:
        return [codec.event_from_json(json.loads(d))
                for (d,) in self.db.execute("SELECT data FROM events ORDER BY id COLLATE \"C\"")]

    def stories(self) -> list[Story]:
        return group_stories(self.events())

    def history(self) -> list[dict]:
        return [json.loads(d) for (d,) in self.db.execute("SELECT data FROM history ORDER BY seq")]

    # -- vectors ----------------------------------------------------------------------------------
    def put_vectors(self, kind: str, vectors: dict[str, np.ndarray]) -> None:
        with self.transaction() as cur:
            cur.executemany("INSERT INTO vectors VALUES (%s,%s,%s,%s) ON CONFLICT (kind, key) "
                            "DO UPDATE SET dtype=excluded.dtype, data=excluded.data",
                            [(kind, k, v.dtype.str, v.tobytes()) for k, v in vectors.items()])

    def vectors(self, kind: str, keys: Iterable[str]) -> dict[str, np.ndarray]:
        keys = list(keys)
        out: dict[str, np.ndarray] = {}
        for k in range(0, len(keys), 1000):
            rows = self.db.execute("SELECT key, dtype, data FROM vectors WHERE kind=%s AND key = ANY(%s)",
                                   (kind, keys[k:k + 1000]))
            out.update({key: np.frombuffer(bytes(data), dtype=dt) for key, dt, data in rows})
        return {key: out[key] for key in keys if key in out}

    # -- model state ------------------------------------------------------------------------------
    def get_state(self, name: str, key: str) -> tuple[int, str] | None:
        row = self.db.execute("SELECT version, data FROM state WHERE name=%s AND key=%s", (name, _t(key))).fetchone()
        return (row[0], row[1]) if row else None

    def states(self, name: str) -> dict[str, tuple[int, str]]:
        return {k: (v, d) for k, v, d in
                self.db.execute("SELECT key, version, data FROM state WHERE name=%s", (name,))}

    def put_state(self, name: str, key: str, version: int, data: str) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT INTO state VALUES (%s,%s,%s,%s) ON CONFLICT (name, key) "
                        "DO UPDATE SET version=excluded.version, data=excluded.data", (name, _t(key), version, data))

    def stage_mark(self, stage: str) -> tuple[str, int] | None:
        row = self.db.execute("SELECT version, seq FROM stage_runs WHERE stage=%s", (stage,)).fetchone()
        return (row[0], row[1]) if row else None

    def set_stage_mark(self, stage: str, version: str, seq: int) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT INTO stage_runs VALUES (%s,%s,%s) ON CONFLICT (stage) "
                        "DO UPDATE SET version=excluded.version, seq=excluded.seq", (stage, version, seq))

    # -- catalog ----------------------------------------------------------------------------------
    def corpus_layers(self) -> Iterator[tuple[str, str, str, list]]:
        for kind, aid, name, data in self.db.execute(
                "SELECT kind, article_id, name, data FROM layers WHERE kind <> 'article' "
                "ORDER BY kind COLLATE \"C\", article_id COLLATE \"C\", name COLLATE \"C\""):
            yield kind.split(":", 1)[1], aid, name, json.loads(data)

    def vector_keys(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in
                self.db.execute('SELECT kind, key FROM vectors ORDER BY kind COLLATE "C", key COLLATE "C"')]

    def state_names(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM state GROUP BY name ORDER BY name COLLATE \"C\"")]

    def stage_marks(self) -> dict[str, tuple[str, int]]:
        return {s: (v, q) for s, v, q in self.db.execute("SELECT stage, version, seq FROM stage_runs")}

    def close(self) -> None:
        self.db.close()

    def __del__(self) -> None:  # a store dropped unclosed (the CLI's) closes its connection, as sqlite3's does
        db = getattr(self, "db", None)
        if db is not None and not db.closed:
            db.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
