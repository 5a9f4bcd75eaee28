"""SQLite store: WAL, versioned migrations, FTS5 over the matching form, one transaction per batch."""
from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from riwaya.errors import StoreError
from riwaya.model import Article, Event, Story
from riwaya.store import codec
from riwaya.store.base import AddResult, group_stories
from riwaya.text.normalise import match


def _migrations() -> list[tuple[int, str]]:
    out = []
    for f in resources.files("riwaya.store").joinpath("migrations").iterdir():
        if f.name.endswith(".sql"):
            out.append((int(f.name.split("_", 1)[0]), f.read_text(encoding="utf-8")))
    return sorted(out)


class SqliteStore:
    def __init__(self, path: str):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a riwaya database ({err})") from err

    # -- schema -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        have = self.db.execute("PRAGMA user_version").fetchone()[0]
        known = _migrations()
        latest = known[-1][0] if known else 0
        if have > latest:
            raise StoreError(f"{self.path}: schema version {have} is newer than this riwaya ({latest})")
        for version, sql in known:
            if version > have:
                self.db.execute("BEGIN")
                try:
                    for stmt in _split(sql):
                        self.db.execute(stmt)
                    self.db.execute(f"PRAGMA user_version={version}")
                    self.db.execute("COMMIT")
                except BaseException:
                    self.db.execute("ROLLBACK")
                    raise

    # -- articles -----------------------------------------------------------------------------
    def add(self, articles: Iterable[Article]) -> AddResult:
        res = AddResult()
        cur = self.db.cursor()
        cur.execute("BEGIN")
        try:
            for a in articles:
                fresh_sources = []
                for s in a.sources:
                    cur.execute("INSERT OR IGNORE INTO sources VALUES (?,?,?,?)",
                                (a.id, s.path, s.member or "", s.external_id or ""))
                    if cur.rowcount:
                        fresh_sources.append(s)
                if not fresh_sources:
                    res.seen += 1
                    continue
                cur.execute("INSERT OR IGNORE INTO articles(id, published, outlet, data) VALUES (?,?,?,?)",
                            (a.id, a.published.value, a.outlet, json.dumps(codec.article_to_json(a), ensure_ascii=False)))
                if cur.rowcount:
                    res.new.append(a.id)
                    cur.execute("INSERT INTO fts(id, title, body) VALUES (?,?,?)",
                                (a.id, match(a.title or ""), match(a.text)))
                    if a.layers:
                        self._put_layers(cur, a.id, a.layers)
                else:
                    res.merged += 1
                    self._merge_sources(cur, a.id, fresh_sources)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return res

    def _merge_sources(self, cur, article_id: str, sources) -> None:
        row = cur.execute("SELECT data FROM articles WHERE id=?", (article_id,)).fetchone()
        d = json.loads(row[0])
        known = {(s["path"], s.get("member"), s.get("external_id")) for s in d["sources"]}
        for s in sources:
            if (s.path, s.member, s.external_id) not in known:
                d["sources"].append(s.to_json())
        cur.execute("UPDATE articles SET data=? WHERE id=?", (json.dumps(d, ensure_ascii=False), article_id))

    def _put_layers(self, cur, article_id: str, layers) -> None:
        cur.executemany("INSERT OR REPLACE INTO layers VALUES (?,?,?)",
                        [(article_id, k, json.dumps(codec.layer_to_json(k, v), ensure_ascii=False))
                         for k, v in layers.items()])

    def put_layers(self, article_id: str, layers: dict[str, tuple]) -> None:
        cur = self.db.cursor()
        cur.execute("BEGIN")
        self._put_layers(cur, article_id, layers)
        cur.execute("COMMIT")

    def update_many(self, articles: Iterable[Article]) -> None:
        """Write back derived fields and layers of stored articles, in one transaction."""
        cur = self.db.cursor()
        cur.execute("BEGIN")
        try:
            for a in articles:
                cur.execute("UPDATE articles SET data=?, published=?, outlet=? WHERE id=?",
                            (json.dumps(codec.article_to_json(a), ensure_ascii=False), a.published.value,
                             a.outlet, a.id))
                if a.layers:
                    self._put_layers(cur, a.id, a.layers)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def update(self, article: Article) -> None:
        self.update_many([article])

    def _layers_of(self, article_id: str) -> dict:
        return {n: json.loads(d) for n, d in
                self.db.execute("SELECT name, data FROM layers WHERE article_id=?", (article_id,))}

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT data FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            row = self.db.execute("SELECT a.data FROM sources s JOIN articles a ON a.id=s.article_id "
                                  "WHERE s.external_id=? LIMIT 1", (article_id,)).fetchone()
        if row is None:
            return None
        d = json.loads(row[0])
        return codec.article_from_json(d, self._layers_of(d["id"]))

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is not None:
            for i in ids:
                a = self.get(i)
                if a is not None:
                    yield a
            return
        layers: dict[str, dict] = {}
        for aid, name, data in self.db.execute("SELECT article_id, name, data FROM layers"):
            layers.setdefault(aid, {})[name] = json.loads(data)
        for (data,) in self.db.execute("SELECT data FROM articles ORDER BY seq"):
            d = json.loads(data)
            yield codec.article_from_json(d, layers.get(d["id"], {}))

    def recorded(self, sources) -> set[tuple[str, str, str]]:
        """Which of these sources are already stored, as (path, member, external_id) with '' for None."""
        keys = {(s.path, s.member or "", s.external_id or "") for s in sources}
        if not keys:
            return set()
        q = "SELECT 1 FROM sources WHERE path=? AND member=? AND external_id=?"
        found = {k for k in keys if self.db.execute(q, k).fetchone()}
        return found

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None, str]]:
        terms = [t for t in match(query).replace('"', " ").split() if t]
        if not terms:
            return []
        q = " ".join(f'"{t}"' for t in terms)
        rows = self.db.execute(
            "SELECT f.id, snippet(fts, 2, '[', ']', '…', 12) FROM fts f WHERE fts MATCH ? ORDER BY rank LIMIT ?",
            (q, limit)).fetchall()
        out = []
        for aid, snip in rows:
            a = self.db.execute("SELECT json_extract(data, '$.title') FROM articles WHERE id=?", (aid,)).fetchone()
            out.append((aid, a[0] if a else None, snip))
        return out

    # -- events and stories ---------------------------------------------------------------------
    def save_events(self, events: list[Event], history: list[dict] | None = None) -> None:
        cur = self.db.cursor()
        cur.execute("BEGIN")
        try:
            cur.execute("DELETE FROM events")
            cur.executemany("INSERT INTO events VALUES (?,?,?,?)",
                            [(e.id, e.story, e.date, json.dumps(codec.event_to_json(e), ensure_ascii=False))
                             for e in events])
            if history:
                cur.executemany("INSERT INTO history(data) VALUES (?)",
                                [(json.dumps(h, ensure_ascii=False),) for h in history])
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def events(self) -> list[Event]:
        return [codec.event_from_json(json.loads(d)) for (d,) in self.db.execute("SELECT data FROM events ORDER BY id")]

    def stories(self) -> list[Story]:
        return group_stories(self.events())

    def history(self) -> list[dict]:
        return [json.loads(d) for (d,) in self.db.execute("SELECT data FROM history ORDER BY seq")]

    def put_embeddings(self, model: str, vectors: dict[str, bytes]) -> None:
        cur = self.db.cursor()
        cur.execute("BEGIN")
        try:
            cur.executemany("INSERT OR REPLACE INTO embeddings VALUES (?,?,?)",
                            [(k, model, bytes(v)) for k, v in vectors.items()])
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def embeddings(self, model: str, ids: Iterable[str]) -> dict[str, bytes]:
        ids = list(ids)
        out: dict[str, bytes] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            q = f"SELECT article_id, data FROM embeddings WHERE model=? AND article_id IN ({','.join('?' * len(chunk))})"
            out.update({a: d for a, d in self.db.execute(q, [model, *chunk])})
        return out

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))

    def close(self) -> None:
        self.db.close()


def _split(sql: str) -> list[str]:
    """Statements of a migration file (no semicolons inside our statements' literals)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
