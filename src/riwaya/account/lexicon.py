"""The account's language knowledge (data/account_measures.json), loaded once, in the matching form.

Words are matched against a token by prefix on its matching form, with a leading conjunction
(و ف) and article (ال) stripped, and on its light stem (``riwaya.text.tokens.stem``): so
"واعتقال", "الجرحى" and "قُتل" find اعتقال, جرحى and قتل."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from riwaya.data import load_json
from riwaya.text.normalise import match
from riwaya.text.tokens import stem

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class MeasureClass:
    name: str
    nouns: tuple[str, ...]
    predicates: tuple[str, ...]
    units: frozenset[str]
    unit_kinds: frozenset[str]
    generic: bool
    comparable: bool = True
    cumulative: bool = False


@dataclass(frozen=True)
class Lexicon:
    classes: tuple[MeasureClass, ...]
    subset_cues: tuple[tuple[str, ...], ...]
    increment_cues: frozenset[str]
    future_cues: tuple[tuple[str, ...], ...]
    future_prefix: tuple[str, ...]
    not_future: frozenset[str]
    deadline_cues: tuple[tuple[str, ...], ...]
    completion_words: tuple[str, ...]
    deadline_actions: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, str]]
    templates: dict[str, dict[str, str]]
    since_cues: tuple[str, ...] = ()
    as_of_cues: tuple[str, ...] = ()
    in_cues: frozenset[str] = frozenset()
    toll_heads: frozenset[str] = frozenset()
    start_words: tuple[str, ...] = ()
    period_cues: frozenset[str] = frozenset()
    period_nouns: tuple[str, ...] = ()
    recent_words: tuple[str, ...] = ()
    cause_cues: frozenset[str] = frozenset()
    causes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_cause_after: frozenset[str] = frozenset()
    readiness_cues: tuple[str, ...] = ()
    transfer_cues: tuple[str, ...] = ()
    not_transfer: frozenset[str] = frozenset()
    either_nouns: tuple[str, ...] = ()
    subset_heads: tuple[tuple[str, ...], ...] = ()

    def by_name(self, name: str) -> MeasureClass | None:
        return next((c for c in self.classes if c.name == name), None)

    def comparable(self, key: str) -> bool:
        """Can two figures of this measure be in conflict (a known class that is comparable)?"""
        c = self.by_name(key.split(":")[0])
        return c is not None and c.comparable


def words(text: str) -> list[str]:
    """Matching-form words of ``text``, in order."""
    return _WORD.findall(match(text))


def forms(word: str) -> tuple[str, ...]:
    """The forms of one matching-form word that lexicon prefixes are tried on."""
    out = [word]
    w = word
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
        out.append(w)
    if len(w) > 4 and w[0] in "بل" and not w.startswith(("بال", "لل")):  # بمقتل، لمقتل: a preposition attached
        out.append(w[1:])
    if len(w) > 4 and w.startswith("ال"):
        out.append(w[2:])
    for p in ("بال", "لل", "وال", "فال"):
        if len(word) > len(p) + 2 and word.startswith(p):
            out.append(word[len(p):])
    out.append(stem(word))
    return tuple(out)


def hits(word: str, prefixes: tuple[str, ...]) -> bool:
    return longest(word, prefixes) > 0


def longest(word: str, prefixes: tuple[str, ...]) -> int:
    """The length of the longest of ``prefixes`` that a form of ``word`` starts with (0: none)."""
    return max((len(p) for f in forms(word) for p in prefixes if f.startswith(p)), default=0)


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(words(x)) for x in items if words(x)), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = load_json("account_measures.json")
    classes = []
    for name, c in d["classes"].items():
        classes.append(MeasureClass(
            name, tuple(match(w) for w in c.get("nouns", ())), tuple(match(w) for w in c.get("predicates", ())),
            frozenset(c.get("units", ())), frozenset(c.get("unit_kinds", ())), bool(c.get("generic", False)),
            bool(c.get("comparable", True)), bool(c.get("cumulative", False))))
    return Lexicon(
        tuple(classes), _phrases(d["subset_cues"]), frozenset(match(w) for w in d.get("increment_cues", ())),
        _phrases(d["future_cues"]), tuple(d["future_prefix"]),
        frozenset(match(w) for w in d["not_future"]), _phrases(d["deadline_cues"]),
        tuple(match(w) for w in d["completion_words"]),
        {k: tuple(match(w) for w in v) for k, v in d["deadline_actions"].items()},
        {k: (v[0], v[1]) for k, v in d["labels"].items()}, d["templates"],
        tuple(match(w) for w in d.get("since_cues", ())), tuple(match(w) for w in d.get("as_of_cues", ())),
        frozenset(match(w) for w in d.get("in_cues", ())), frozenset(match(w) for w in d.get("toll_heads", ())),
        tuple(match(w) for w in d.get("start_words", ())), frozenset(match(w) for w in d.get("period_cues", ())),
        tuple(match(w) for w in d.get("period_nouns", ())), tuple(match(w) for w in d.get("recent_words", ())),
        frozenset(match(w) for w in d.get("cause_cues", ())),
        {k: tuple(match(w) for w in v) for k, v in d.get("causes", {}).items()},
        frozenset(match(w) for w in d.get("not_cause_after", ())),
        tuple(match(w) for w in d.get("readiness_cues", ())), tuple(match(w) for w in d.get("transfer_cues", ())),
        frozenset(match(w) for w in d.get("not_transfer", ())), tuple(match(w) for w in d.get("either_nouns", ())),
        _phrases(d.get("subset_heads", ())))


def ends_with(toks: list[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The phrase that ``toks`` end with, if any (longest first)."""
    for p in phrases:
        if len(toks) >= len(p) and tuple(toks[len(toks) - len(p):]) == p:
            return p
    return None


def label(key: str, language: str | None, example: str | None = None) -> str:
    """The reader's name of a measure key ("killed", "killed:part", "due:withdrawal"); a count of a
    noun outside the classes is named by the noun as an ``example`` mention writes it ("ثلاث مدارس":
    "عدد: مدارس"), a unit outside the labels by its kind ("unit:year": the labels' "unit:year", or
    "الكمية")."""
    labels = lexicon().labels
    key, _, then = key.partition(":then")
    base = key.split(":planned")[0].removesuffix(":part")
    ar = (language or "ar") == "ar"
    if base.startswith("count:"):
        words = (example or "").split()
        noun = words[-1] if len(words) > 1 else base.split(":")[1]
        name = ("عدد: " if ar else "count: ") + noun
    else:
        pair = labels.get(base) or labels.get(base.split(":")[0]) or \
            (labels["unit"] if base.startswith("unit:") else (base, base))
        name = pair[0] if ar else pair[1]
    return f"{name} ({then.split(':')[0]})" if then else name
