"""Contested terms (data/framing_terms.json), loaded once and compiled into one matcher.

A group is a referent; each of its senses is one way of naming it, written as several forms. Forms
are found on the matching form of a text (``text.normalise.match_with_offsets``) as whole words: an
Arabic form's first word may carry attached clitics (و ف, then ب ك ل, or the article with them:
وال بال لل), and every Arabic word written without the article may take one (أعمال شغب finds
"أعمال الشغب"; احتجاجات finds "للاحتجاجات"). Where forms overlap, the longest wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_json
from riwaya.errors import RiwayaError
from riwaya.text.normalise import match, match_with_offsets, source_span

_ARABIC = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True)
class Sense:
    id: str
    label: tuple[str, str]  # (Arabic, English)
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    id: str
    label: tuple[str, str]
    senses: tuple[Sense, ...]


@dataclass(frozen=True)
class Hit:
    """One contested term in a text: ``text[start:end]`` is the term as written, with its clitics."""

    group: str
    sense: str
    form: str
    start: int
    end: int


_TOKEN = re.compile(r"[^\W_]+")
# what may be attached before a form's first word: a conjunction, a preposition, the article
_PREFIXES = ("", "ال") + tuple(c + p for c in ("", "و", "ف") for p in ("ب", "ك", "ل", "بال", "كال", "لل")) + \
    ("و", "ف", "وال", "فال")


@dataclass(frozen=True)
class Entry:
    cores: tuple[str, ...]  # each word without the article it may take (matching form)
    group: str
    sense: str
    form: str


@dataclass(frozen=True)
class FramingLexicon:
    groups: tuple[Group, ...]
    first: dict[str, tuple[Entry, ...]]  # a form's first core -> its entries, the longest first
    describe: frozenset[str] = frozenset()  # matching forms: before marks, the marked words are a quote
    distancing: tuple[tuple[str, ...], ...] = ()  # word sequences: before or after marks, scare quotes
    label_heads: frozenset[str] = frozenset()  # matching forms without the article: label words before a name

    def group(self, gid: str) -> Group:
        return next(g for g in self.groups if g.id == gid)

    def find(self, text: str) -> list[Hit]:
        """Every contested term of ``text``, in order, spans in ``text``'s own offsets."""
        if not text:
            return []
        folded, offsets = match_with_offsets(text)
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
        out, i = [], 0
        while i < len(toks):
            got = self._at(folded, toks, i)
            if got is None:
                i += 1
                continue
            entry, n = got
            s, e = source_span(offsets, toks[i][0], toks[i + n - 1][1])
            out.append(Hit(entry.group, entry.sense, entry.form, s, e))
            i += n
        return out

    def _at(self, folded: str, toks: list, i: int) -> tuple[Entry, int] | None:
        w = toks[i][2]
        best = None
        for p in _PREFIXES:
            if not w.startswith(p) or len(w) - len(p) < 2:
                continue
            core = w[len(p):]
            for c in (core, core[2:] if core.startswith("ال") and p in ("", "و", "ف") else None):
                for entry in self.first.get(c, ()) if c else ():
                    n = len(entry.cores)
                    if best is not None and n <= len(best.cores):
                        break
                    if self._rest(folded, toks, i, entry.cores):
                        best = entry
                        break
        return (best, len(best.cores)) if best else None

    @staticmethod
    def _rest(folded: str, toks: list, i: int, cores: tuple[str, ...]) -> bool:
        if i + len(cores) > len(toks):
            return False
        for j in range(1, len(cores)):
            a, b = toks[i + j - 1], toks[i + j]
            if not folded[a[1]:b[0]].isspace() or b[2] not in (cores[j], "ال" + cores[j]):
                return False
        return True


def _core(word: str) -> str:
    """An Arabic word without the article it is written with (not الله and other short words)."""
    return word[2:] if _ARABIC.search(word) and word.startswith("ال") and len(word) > 4 else word


def _check(data: dict) -> None:
    if not isinstance(data.get("groups"), list) or not data["groups"]:
        raise RiwayaError("data/framing_terms.json: 'groups' must be a non-empty list")


@lru_cache(maxsize=1)
def lexicon() -> FramingLexicon:
    data = load_json("framing_terms.json")
    _check(data)
    groups, first, seen = [], {}, {}
    for g in data["groups"]:
        senses = []
        for s in g["senses"]:
            forms = tuple(s["forms"])
            senses.append(Sense(s["id"], tuple(s["label"]), forms))
            for f in forms:
                key = " ".join(match(f).split())
                if key in seen:
                    raise RiwayaError(f"data/framing_terms.json: form {f!r} in {seen[key]} and {g['id']}/{s['id']}")
                seen[key] = f"{g['id']}/{s['id']}"
                cores = tuple(_core(w) for w in key.split())
                first.setdefault(cores[0], []).append(Entry(cores, g["id"], s["id"], f))
        groups.append(Group(g["id"], tuple(g["label"]), tuple(senses)))
    first = {k: tuple(sorted(v, key=lambda e: -len(e.cores))) for k, v in first.items()}
    describe = frozenset(match(w) for w in _strings(data, "describe"))
    distancing = tuple(tuple(match(w).split()) for w in _strings(data, "distancing"))
    heads = frozenset(_core(match(w)) for w in _strings(data, "label_heads"))
    return FramingLexicon(tuple(groups), first, describe, distancing, heads)


def _strings(data: dict, key: str) -> list[str]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise RiwayaError(f"data/framing_terms.json: {key!r} must be a list of non-empty strings")
    return values
