"""Places named in a text, found with the gazetteer (``data/places.tsv``).

Each gazetteer row is one place with its kind (country, region, city, district, feature, bloc), the
place it lies in, and its Arabic and English spellings. Names are matched on the matching form
(``text.normalise.match``), so hamza, alef and ta-marbuta variants meet; an Arabic name may carry
one attached conjunction or preposition (``وبالحديدة``, ``لصنعاء``, ``للحديدة`` for ``ل + الحديدة``).
The longest name at a position wins (``جنوب السودان`` before ``السودان``). Names that are mostly
ordinary words (``القدم``: a Damascus district, and "foot" in كرة القدم) are listed in
``data/places_not_alone.txt`` and found only inside a longer name.

The ``places`` stage (``extract.stages``) writes what this finds as a layer of ``Mention`` spans;
entity extraction will add its people and organisations beside them. (As join features in the story
engine, places measured worse: docs/BENCHMARKS.md.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_lines
from riwaya.errors import RiwayaError
from riwaya.model import Mention
from riwaya.text.normalise import match, match_with_offsets, source_span

KINDS = ("bloc", "country", "region", "city", "district", "feature")
# what a name may carry in front of it; "لل" stands for "ل" + "ال" (للحديدة = ل + الحديدة)
# ("ف" is left out: "فاطمة" is not "ف" + a place)
_CLITICS = ("وبال", "وال", "بال", "كال", "ولل", "لل", "وب", "ول", "و", "ب", "ل", "ك")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    kind: str
    parent: str | None
    names: tuple[str, ...]


class Gazetteer:
    """Places by id, and every name's matching-form words -> the place it names."""

    def __init__(self, places: list[Place], not_alone: frozenset[str] = frozenset()):
        self.places = {p.id: p for p in places}
        self.names: dict[tuple[str, ...], str] = {}
        for p in places:
            for name in p.names:
                key = tuple(_WORD.findall(match(name)))
                if key and (len(key) > 1 or key[0] not in not_alone):
                    self.names.setdefault(key, p.id)
        self.longest = max((len(k) for k in self.names), default=0)
        self.first = frozenset(k[0] for k in self.names)

    def ancestors(self, pid: str) -> tuple[str, ...]:
        """``pid`` and every place that contains it, innermost first."""
        out = []
        while pid and pid in self.places and pid not in out:
            out.append(pid)
            pid = self.places[pid].parent or ""
        return tuple(out)

    def kind(self, pid: str) -> str:
        return self.places[pid].kind


def _row(line: str, n: int) -> Place:
    cols = line.split("\t")
    if len(cols) != 5 or cols[1] not in KINDS:
        raise RiwayaError(f"data/places.tsv: row {n} is not 'id, kind, parent, arabic|..., english|...': {line[:60]!r}")
    names = [x.strip() for col in cols[3:] for x in col.split("|") if x.strip() and x.strip() != "-"]
    return Place(cols[0].strip(), cols[1], cols[2].strip() if cols[2].strip() not in ("", "-") else None, tuple(names))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer([_row(line, n) for n, line in enumerate(load_lines("places.tsv"), 1)],
                     frozenset(match(w) for w in load_lines("places_not_alone.txt")))


def _candidates(word: str) -> list[tuple[str, int]]:
    """``word`` and the forms it has with one clitic taken off (the longest clitic first), each with
    how many of the word's letters the clitic took."""
    out = [(word, 0)]
    for c in _CLITICS:
        if word.startswith(c) and len(word) - len(c) >= 3:
            rest = word[len(c):]
            if c.endswith("لل"):
                out.append(("ال" + rest, len(c) - 1))  # the name's alef is not written
            elif c.endswith("ال"):
                out.append(("ال" + rest, len(c) - 2))  # "بالقاهرة" -> "القاهرة"
                out.append((rest, len(c)))  # "بال" + a name written without al-
            else:
                out.append((rest, len(c)))
    return out


def _scan(words: list[str], gz: Gazetteer):
    """(first word, letters of it a clitic took, past last word, place id) of every name found,
    the longest name first at each position."""
    i = 0
    while i < len(words):
        found = None
        for head, skip in _candidates(words[i]):
            if head not in gz.first:
                continue
            for n in range(min(gz.longest, len(words) - i), 0, -1):
                pid = gz.names.get((head, *words[i + 1:i + n]))
                if pid is not None:
                    found = (skip, n, pid)
                    break
            if found:
                break
        if found:
            yield i, found[0], i + found[1], found[2]
            i += found[1]
        else:
            i += 1


def scan(words: list[str]):
    """(first word, letters of it a clitic took, past last word, place kind) of every gazetteer name in
    ``words`` (matching-form tokens), the longest name first at each position."""
    gz = gazetteer()
    for i, skip, j, pid in _scan(words, gz):
        yield i, skip, j, gz.kind(pid)


def find_places(text: str) -> tuple[Mention, ...]:
    """Every place mention in ``text`` as a span of the original text, labelled LOC. A name in
    Latin letters counts only when the text capitalises it ("Hit" the Iraqi town, not "hit")."""
    gz = gazetteer()
    folded, offsets = match_with_offsets(text)
    spans = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
    out = []
    for i, skip, j, pid in _scan([w for _, _, w in spans], gz):
        start, end = source_span(offsets, spans[i][0] + skip, spans[j - 1][1])
        if text[start].isascii() and not text[start].isupper():
            continue
        out.append(Mention(start=start, end=end, text=text[start:end], label="LOC", entity=pid,
                           evidence=f"gazetteer: {gz.kind(pid)} {pid}", score=1.0))
    return tuple(out)
