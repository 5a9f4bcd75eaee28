"""A parsed query made concrete over a store's vocabulary: each unit becomes the word sequences
that count as it (``Match.alternatives``), so a backend matches known words and nothing else."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from riwaya.search.entities import MAX_WORDS
from riwaya.search.forms import WORD, Vocabulary, variant_key
from riwaya.search.query import Parsed, Unit
from riwaya.text.normalise import match

MAX_PLACE_NAMES = 12


@dataclass(frozen=True)
class Match:
    """A unit as the words that count as it: any one of ``alternatives`` (a sequence of word sets:
    one set for a word, several for a phrase), and how the unit was widened (``via``)."""

    typed: str
    alternatives: tuple[tuple[frozenset[str], ...], ...]
    via: tuple[str, ...] = ()

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for alt in self.alternatives for ws in alt for w in ws)

    def describe(self, most: int = 50) -> list[str]:
        """What the unit was taken to mean, for a reader: each stored word it finds, and each other
        name it finds as a phrase (one spelling of each of its words)."""
        single = sorted({w for alt in self.alternatives if len(alt) == 1 for w in alt[0]})
        phrases = sorted({" ".join(min(ws, key=lambda w: (len(w), w)) for ws in alt)
                          for alt in self.alternatives if len(alt) > 1})
        return (single + [f'"{p}"' for p in phrases])[:most]


@dataclass(frozen=True)
class Group:
    include: tuple[Match, ...]
    exclude: tuple[Match, ...] = ()


@dataclass(frozen=True)
class Query:
    """OR of groups; a group matches when every include matches and no exclude does."""

    text: str
    groups: tuple[Group, ...]

    def sequences(self) -> tuple[tuple[frozenset[str], ...], ...]:
        """Every word sequence an included unit matches (what a snippet highlights)."""
        return tuple(dict.fromkeys(a for g in self.groups for m in g.include for a in m.alternatives))

    def matches(self) -> list[Match]:
        return [m for g in self.groups for m in (*g.include, *g.exclude)]


def _word(vocab: Vocabulary, w: str) -> frozenset[str]:
    return vocab.exact(w) | vocab.variants(w)


def _place(words: tuple[str, ...]):
    """The gazetteer place these words name (with or without the article), or None."""
    from riwaya.extract.places import gazetteer

    gz = gazetteer()
    first = words[0]
    for head in (first, "ال" + first, first[2:] if first.startswith("ال") else None):
        if head:
            pid = gz.names.get((head, *words[1:]))
            if pid is not None:
                return gz.places[pid]
    return None


def _bare(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def _inner(vocab: Vocabulary, w: str) -> frozenset[str]:
    """A phrase's later word: its spellings with or without the article, not with a conjunction or
    preposition joined (وزارة الدفاع is not وزارة والدفاع)."""
    b = _bare(w)
    key = variant_key(b)
    return frozenset(x for x in _word(vocab, w) if _bare(x) == b or (key is not None and variant_key(_bare(x)) == key))


def _sequence(vocab: Vocabulary, words: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    return (_word(vocab, words[0]), *(_inner(vocab, w) for w in words[1:]))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    k = len(shorter)
    return len(longer) > k and any(longer[i:i + k] == shorter for i in range(len(longer) - k + 1))


def _unit(vocab: Vocabulary, u: Unit, entities=None) -> Match:
    if u.prefix:
        return Match(u.typed, ((vocab.prefixed(u.words[0]),),), ("prefix",))
    names = [u.words]
    via = ["forms"]
    place = _place(u.words)
    if place is not None:
        via.append(f"gazetteer:{place.id}")
        names += [w for w in (tuple(WORD.findall(match(n))) for n in islice(place.names, MAX_PLACE_NAMES)) if w]
    named = entities.lookup(u.words) if entities is not None else None
    if named is not None:
        via.append(f"entity:{named.entity}")
        names += list(named.forms)
    names = list(dict.fromkeys(names))
    # a name that holds another whole (تنظيم داعش holds داعش) finds nothing the other does not
    names = [n for n in names if not any(_contains(n, m) for m in names)]
    alts = [_sequence(vocab, n) for n in names]
    kept = tuple(dict.fromkeys(a for a in alts if all(a)))  # an alternative with a word the store lacks cannot match
    return Match(u.typed, kept, tuple(via))


def _names(units: tuple[Unit, ...], entities) -> tuple[Unit, ...]:
    """A clause's units with each run of plain words that names a canonical entity (the longest
    first) taken as one unit: قاسم جومارت توكاييف typed without quotes finds what writes توكاييف."""
    if entities is None:
        return units
    out: list[Unit] = []
    i = 0
    while i < len(units):
        for n in range(min(len(units) - i, MAX_WORDS), 1, -1):
            run = units[i:i + n]
            if all(len(u.words) == 1 and not u.prefix for u in run):
                words = tuple(u.words[0] for u in run)
                if entities.lookup(words) is not None:
                    out.append(Unit(" ".join(u.typed for u in run), words))
                    i += n
                    break
        else:
            out.append(units[i])
            i += 1
    return tuple(out)


def expand(parsed: Parsed, vocab: Vocabulary, entities=None) -> Query:
    """``entities``: a ``search.entities.EntityForms`` to widen names through (None: no widening)."""
    groups = []
    for c in parsed.clauses:
        inc = tuple(_unit(vocab, u, entities) for u in _names(c.include, entities))
        if not all(m.alternatives for m in inc):
            continue  # a unit no word of the store matches: this clause finds nothing
        exc = tuple(m for m in (_unit(vocab, u, entities) for u in c.exclude) if m.alternatives)
        groups.append(Group(inc, exc))
    return Query(parsed.text, tuple(groups))


def _has(tokens: list[str], alt: tuple[frozenset[str], ...]) -> int:
    """How often the word sequence ``alt`` occurs in ``tokens``."""
    n, k = 0, len(alt)
    for i in range(len(tokens) - k + 1):
        if all(tokens[i + j] in alt[j] for j in range(k)):
            n += 1
    return n


def score(q: Query, title: list[str], body: list[str], title_weight: float = 4.0) -> float:
    """A plain score of one article's tokens for ``q`` (0: no match): how often the included units
    occur, a title occurrence counting ``title_weight`` times (the in-memory twin's ranking)."""
    best = 0.0
    for g in q.groups:
        s = 0.0
        for m in g.include:
            c = sum(title_weight * _has(title, a) + _has(body, a) for a in m.alternatives)
            if not c:
                break
            s += c
        else:
            if not any(_has(title, a) or _has(body, a) for m in g.exclude for a in m.alternatives):
                best = max(best, s)
    return best
