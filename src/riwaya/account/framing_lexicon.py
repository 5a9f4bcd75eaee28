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
_CLITICS = r"[وف]?(?:[بك]?ال|لل|[بكل])?"


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


@dataclass(frozen=True)
class FramingLexicon:
    groups: tuple[Group, ...]
    pattern: re.Pattern
    by_form: dict[str, tuple[str, str, str]]  # regex group name -> (group id, sense id, form)
    describe: frozenset[str] = frozenset()  # matching forms: before marks, the marked words are a quote
    distancing: tuple[tuple[str, ...], ...] = ()  # word sequences: before or after marks, scare quotes

    def group(self, gid: str) -> Group:
        return next(g for g in self.groups if g.id == gid)

    def sense(self, gid: str, sid: str) -> Sense:
        return next(s for s in self.group(gid).senses if s.id == sid)

    def find(self, text: str) -> list[Hit]:
        """Every contested term of ``text``, in order, spans in ``text``'s own offsets."""
        if not text:
            return []
        folded, offsets = match_with_offsets(text)
        out = []
        for m in self.pattern.finditer(folded):
            name = m.lastgroup
            if name is None:
                continue
            gid, sid, form = self.by_form[name]
            s, e = source_span(offsets, m.start(name), m.end(name))
            out.append(Hit(gid, sid, form, s, e))
        return out


def _core(word: str) -> str:
    """An Arabic word without the article it is written with (not الله and other short words)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def form_pattern(form: str, name: str) -> str:
    """The regex of one form on the matching form: whole words joined by any run of spaces; an
    Arabic word may take the article, and the first one attached clitics (inside the span)."""
    words = match(form).split()
    pats = []
    for i, w in enumerate(words):
        if not _ARABIC.search(w):
            pats.append(re.escape(w))
        else:
            pats.append((_CLITICS if i == 0 else "") + "(?:ال)?" + re.escape(_core(w)))
    body = r"\s+".join(pats)
    return rf"(?<![^\W_])(?P<{name}>{body})(?![^\W_])"


def _check(data: dict) -> None:
    if not isinstance(data.get("groups"), list) or not data["groups"]:
        raise RiwayaError("data/framing_terms.json: 'groups' must be a non-empty list")


@lru_cache(maxsize=1)
def lexicon() -> FramingLexicon:
    data = load_json("framing_terms.json")
    _check(data)
    groups, parts, by_form, seen = [], [], {}, {}
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
                name = f"f{len(by_form)}"
                by_form[name] = (g["id"], s["id"], f)
                parts.append((len(key), form_pattern(f, name)))
        groups.append(Group(g["id"], tuple(g["label"]), tuple(senses)))
    parts.sort(key=lambda p: -p[0])  # the longest form first: alternation takes the first that matches
    pattern = re.compile("|".join(p for _, p in parts))
    describe = frozenset(match(w) for w in _strings(data, "describe"))
    distancing = tuple(tuple(match(w).split()) for w in _strings(data, "distancing"))
    return FramingLexicon(tuple(groups), pattern, by_form, describe, distancing)


def _strings(data: dict, key: str) -> list[str]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise RiwayaError(f"data/framing_terms.json: {key!r} must be a list of non-empty strings")
    return values
