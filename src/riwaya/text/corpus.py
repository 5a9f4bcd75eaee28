"""Furniture learned from the corpus: lines an outlet repeats across many of its articles.

``OutletFurniture`` counts, per outlet, in how many distinct articles each line occurs (its
document frequency, keyed by a hash of the line's matching form) and how often the outlet ends an
article with a run of recurring full sentences (the "related stories" teasers some sites append).
Cleaning asks it about one line at a time:

- a short or unpunctuated line in at least ``MIN_DF`` articles is outlet furniture (credits such as
  "فرانس24/ أ ف ب", app prompts, separators);
- a full sentence counts only when it is in at least ``SENTENCE_SHARE`` of the outlet's articles
  (and ``MIN_SENTENCE_DF``), so background paragraphs an outlet reuses in a few reports stay body;
- a trailing run of recurring sentences is a teaser block only for outlets where such runs are a
  habit (``TEASER_HABIT`` of their articles), never the article's first line.

The model is a small JSON value kept in the store's meta table, updated at every ingest, and
listed by ``riwaya outlets furniture``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Iterable

from riwaya.text.furniture import Line, make_line

MIN_DF = 3
BODY_WORDS = 20  # an unpunctuated line this long is body, as in cleaning
MIN_SENTENCE_DF = 20
SENTENCE_SHARE = 0.02
TEASER_MIN_WORDS = 8
TEASER_HABIT = 0.05
META_KEY = "furniture_model"
_KEEP_TEXT = 160


def line_hash(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


@dataclass
class _Outlet:
    articles: int = 0
    teaser_runs: int = 0
    df: dict[str, int] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)  # display text (cut) of lines seen twice or more
    shape: dict[str, tuple[int, bool]] = field(default_factory=dict)  # their words and sentence ending


class OutletFurniture:
    """Per-outlet line statistics. ``observe`` one article's lines; ``reason`` for one line."""

    def __init__(self) -> None:
        self.outlets: dict[str, _Outlet] = {}
        self._seen: set[str] = set()  # article fingerprints, so a re-post is counted once

    # -- learning ---------------------------------------------------------------------------
    def observe(self, outlet: str | None, lines: Iterable[str]) -> None:
        if not outlet:
            return
        ls = [make_line(x) for x in lines if x.strip()]
        ls = [x for x in ls if x.key]
        fp = line_hash(outlet + "\x1f" + "\n".join(x.key for x in ls))[:12]
        if fp in self._seen:
            return
        self._seen.add(fp)
        o = self.outlets.setdefault(outlet, _Outlet())
        o.articles += 1
        hashes = []
        for ln in ls:
            h = line_hash(ln.key)
            hashes.append(h)
        for h, ln in {h: ln for h, ln in zip(hashes, ls)}.items():
            n = o.df.get(h, 0) + 1
            o.df[h] = n
            if n == 2:
                o.text[h] = ln.text[:_KEEP_TEXT]
                o.shape[h] = (ln.words, ln.sentence_like)
        # a trailing run (not the first line) of sentences seen before in this outlet
        run = 0
        for h, ln in zip(reversed(hashes[1:]), reversed(ls[1:])):
            if o.df.get(h, 0) >= MIN_DF and ln.words >= TEASER_MIN_WORDS:
                run += 1
            else:
                break
        if run >= 2:
            o.teaser_runs += 1

    # -- asking -----------------------------------------------------------------------------
    def df(self, outlet: str | None, line: Line) -> int:
        o = self.outlets.get(outlet or "")
        return o.df.get(line_hash(line.key), 0) if o else 0

    def reason(self, outlet: str | None, line: Line) -> str | None:
        """'outlet furniture' when the corpus says this line is the outlet's, else None."""
        o = self.outlets.get(outlet or "")
        if o is None or not line.key:
            return None
        return self._reason(o, o.df.get(line_hash(line.key), 0), line.text, line.words, line.sentence_like)

    @staticmethod
    def _reason(o: _Outlet, n: int, text: str, words: int, sentence_like: bool) -> str | None:
        if n < MIN_DF:
            return None
        if text.endswith(":"):
            return None  # an introduction to what follows ("كلمة أخيرة:")
        if words <= 6 or (not sentence_like and words < BODY_WORDS):
            return "outlet furniture"
        if n >= max(MIN_SENTENCE_DF, SENTENCE_SHARE * o.articles):
            return "outlet furniture"
        return None

    def teaser_outlet(self, outlet: str | None) -> bool:
        o = self.outlets.get(outlet or "")
        return bool(o) and o.articles >= 50 and o.teaser_runs >= TEASER_HABIT * o.articles

    def recurring(self, outlet: str | None, line: Line) -> bool:
        return line.words >= TEASER_MIN_WORDS and self.df(outlet, line) >= MIN_DF

    def listing(self, outlet: str) -> list[tuple[int, str]]:
        """Lines learned as this outlet's furniture, most frequent first: ``(articles, text)``."""
        o = self.outlets.get(outlet)
        if not o:
            return []
        out = []
        for h, t in o.text.items():
            words, sl = o.shape.get(h, (len(t.split()), False))
            if self._reason(o, o.df.get(h, 0), t, words, sl):
                out.append((o.df[h], t))
        out.sort(key=lambda x: (-x[0], x[1]))
        return out

    # -- persistence ------------------------------------------------------------------------
    def to_json(self) -> str:
        """Lines seen in two or more articles, with their counts (single sightings are dropped), and the
        fingerprints of the articles counted, so a re-ingest counts nothing twice."""
        data = {}
        for name, o in self.outlets.items():
            data[name] = {"articles": o.articles, "teaser_runs": o.teaser_runs,
                          "lines": {h: [n, o.text.get(h, ""), *o.shape.get(h, (0, False))]
                                    for h, n in o.df.items() if n >= 2}}
        return json.dumps({"version": 1, "outlets": data, "seen": sorted(self._seen)}, ensure_ascii=False,
                          separators=(",", ":"))

    @classmethod
    def from_json(cls, value: str | None) -> "OutletFurniture":
        m = cls()
        if not value:
            return m
        data = json.loads(value)
        m._seen = set(data.get("seen", ()))
        for name, d in data.get("outlets", {}).items():
            o = _Outlet(int(d.get("articles", 0)), int(d.get("teaser_runs", 0)))
            for h, (n, t, words, sl) in d.get("lines", {}).items():
                o.df[h] = int(n)
                if t:
                    o.text[h] = t
                    o.shape[h] = (int(words), bool(sl))
            m.outlets[name] = o
        return m

    @classmethod
    def from_store(cls, store) -> "OutletFurniture":
        return cls.from_json(store.get_meta(META_KEY))

    def save(self, store) -> None:
        store.set_meta(META_KEY, self.to_json())


_HEAD_REASONS = frozenset({"title", "byline", "section name", "masthead", "scrape date", "caption", "share widget",
                           "repeated title", "head fragment", "date line", "breadcrumb", "breaking ticker"})


def article_lines(article) -> list[str]:
    """The input lines of a stored article, as far as they can be rebuilt: lines removed from the
    page head, the kept paragraphs, then the other removed lines (trailing blocks, teasers)."""
    head = [r.text for r in article.removed if r.reason in _HEAD_REASONS]
    tail = [r.text for r in article.removed if r.reason not in _HEAD_REASONS]
    return head + [article.text[p.start:p.end] for p in article.paragraphs] + tail


def learn_from_store(store) -> OutletFurniture:
    """Rebuild the model from every stored article (``riwaya outlets furniture --rebuild``)."""
    m = OutletFurniture()
    for a in store.articles():
        m.observe(a.outlet, article_lines(a))
    return m
