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

The learner's counts are kept per outlet as model state in the store and updated by the
``furniture`` corpus stage (``text/learning.py``) after each ingest; cleaning reads a frozen,
versioned snapshot of them (``snapshot``), never the counts as they move. ``riwaya outlets
furniture`` lists what was learned.
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
    seen: set[str] = field(default_factory=set)  # fingerprints of the articles counted (a re-post counts once)


class OutletFurniture:
    """Per-outlet line statistics. ``observe`` one article's lines; ``reason`` for one line."""

    def __init__(self) -> None:
        self.outlets: dict[str, _Outlet] = {}

    # -- learning ---------------------------------------------------------------------------
    def observe(self, outlet: str | None, lines: Iterable[str]) -> None:
        if not outlet:
            return
        ls = [make_line(x) for x in lines if x.strip()]
        ls = [x for x in ls if x.key]
        fp = line_hash(outlet + "\x1f" + "\n".join(x.key for x in ls))[:12]
        o = self.outlets.setdefault(outlet, _Outlet())
        if fp in o.seen:
            return
        o.seen.add(fp)
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
    def outlet_to_json(self, name: str, min_df: int = 2) -> str:
        """One outlet's counts: lines seen in ``min_df`` or more articles (single sightings are
        dropped at 2, the learner's state; a snapshot keeps only what cleaning asks about) and the
        fingerprints of the articles counted, so a re-post counts nothing twice."""
        o = self.outlets[name]
        lines = {h: [n, o.text.get(h, ""), *o.shape.get(h, (0, False))] for h, n in o.df.items() if n >= min_df}
        d = {"articles": o.articles, "teaser_runs": o.teaser_runs, "lines": lines}
        if min_df <= 2:
            d["seen"] = sorted(o.seen)
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"))

    def load_outlet(self, name: str, value: str) -> None:
        d = json.loads(value)
        o = _Outlet(int(d.get("articles", 0)), int(d.get("teaser_runs", 0)))
        o.seen = set(d.get("seen", ()))
        for h, (n, t, words, sl) in d.get("lines", {}).items():
            o.df[h] = int(n)
            if t:
                o.text[h] = t
                o.shape[h] = (int(words), bool(sl))
        self.outlets[name] = o

    def snapshot(self, name: str) -> str:
        """The frozen part of one outlet's model that cleaning reads (lines at ``MIN_DF`` or more)."""
        return self.outlet_to_json(name, MIN_DF)

    def to_json(self) -> str:
        return json.dumps({"version": 2, "outlets": {n: json.loads(self.outlet_to_json(n)) for n in self.outlets}},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, value: str | None) -> "OutletFurniture":
        m = cls()
        for name, d in (json.loads(value).get("outlets", {}) if value else {}).items():
            m.load_outlet(name, json.dumps(d))
        return m
