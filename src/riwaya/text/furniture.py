"""Page furniture known from language: cue phrases and patterns kept in ``data/furniture.json``.

A ``Line`` is one non-empty input line with the few structural facts cleaning needs (its words,
its matching form, whether it ends like a sentence). ``cue(line)`` names the furniture it is,
or None. Cues are matched against the matching form, so "أرشيفية", "ارشيفيه" and "أرشيفيّة" are
one cue; each cue bounds the length of the lines it may remove, so a body paragraph that happens
to contain "اقرأ المزيد" is never dropped for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_json
from riwaya.text.normalise import match

_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]", re.U)
_TOKEN = re.compile(r"[^\W_]+", re.U)
_MAX_CUE_WORDS = 20  # longer lines are never furniture by cue; they skip the matching form


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # display form, stripped
    key: str  # matching form for lines short enough to be furniture; long lines compare as written
    words: int
    sentence_like: bool  # ends like a sentence: . ! ? ؟ … possibly closed by a quote or bracket

    @property
    def has_letters(self) -> bool:
        return bool(_LETTER.search(self.text))


_CLOSERS = "\"'”’»)]"
_ENDERS = frozenset(".!?؟…")


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _ENDERS


def make_line(text: str) -> Line:
    text = text.strip()
    words = text.count(" ") + 1 if text else 0
    if words > _MAX_CUE_WORDS:  # spaces over-count words; the exact count matters only for short lines
        return Line(text, text, words, _ends_sentence(text))
    words = len(text.split())
    return Line(text, match(text).strip(), words, _ends_sentence(text))


@dataclass(frozen=True)
class Cue:
    reason: str
    max_words: int
    block: bool
    pattern: re.Pattern


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    data = load_json("furniture.json")
    out = []
    for reason, spec in data["cues"].items():
        pat = re.compile("|".join(f"(?:{p})" for p in spec["patterns"]))
        out.append(Cue(reason, int(spec["max_words"]), bool(spec.get("block", False)), pat))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_cue() -> tuple[re.Pattern, re.Pattern | None]:
    """A prefilter: anchored patterns tried at the line start only, the few unanchored ones searched."""
    pats = [p for spec in load_json("furniture.json")["cues"].values() for p in spec["patterns"]]
    anchored = [p[1:] for p in pats if p.startswith("^")]
    floating = [p for p in pats if not p.startswith("^")]
    return (re.compile("|".join(f"(?:{p})" for p in anchored)),
            re.compile("|".join(f"(?:{p})" for p in floating)) if floating else None)


def _maybe_cue(key: str) -> bool:
    head, anywhere = _any_cue()
    return bool(head.match(key) or (anywhere is not None and anywhere.search(key)))


@lru_cache(maxsize=1)
def sections() -> frozenset[str]:
    return frozenset(match(s) for s in load_json("furniture.json")["sections"])


@lru_cache(maxsize=1)
def date_words() -> frozenset[str]:
    return frozenset(match(w) for w in load_json("furniture.json")["date_words"])


@lru_cache(maxsize=1)
def masthead_titles() -> tuple[str, ...]:
    return tuple(match(t) for t in load_json("furniture.json")["masthead_titles"])


def cue(line: Line) -> Cue | None:
    """The first cue whose pattern matches the line and whose length bound admits it."""
    if line.words > _MAX_CUE_WORDS or not _maybe_cue(line.key):
        return None
    for c in cues():
        if line.words <= c.max_words and c.pattern.search(line.key):
            return c
    return None


@lru_cache(maxsize=1)
def date_prefixes() -> tuple[tuple[str, ...], frozenset[str]]:
    """Labels a date line may open with, longest first, and those that mark an update time."""
    data = load_json("furniture.json")
    pre = sorted({match(p).strip() for p in data.get("date_prefixes", ())}, key=len, reverse=True)
    return tuple(pre), frozenset(match(p).strip() for p in data.get("update_prefixes", ()))


def _strip_date_prefix(key: str) -> tuple[str, str | None]:
    pre, _ = date_prefixes()
    for p in pre:
        if key.startswith(p) and (len(key) == len(p) or not key[len(p)].isalnum()):
            return key[len(p):].lstrip(" :：-–—|"), p
    return key, None


def date_line_kind(line: Line) -> str | None:
    """None, or what a line made only of a date is: "updated" ("آخر تحديث: 14/03/2024 - 11:42"),
    "published" ("Published March 14, 2024", "نشر في: ...") or "date" (a bare date line)."""
    if line.words > 12 or not _DIGIT.search(line.key):
        return None
    rest, pre = _strip_date_prefix(line.key)
    if not _only_date_words(rest):
        return None
    if pre is None:
        return "date"
    return "updated" if pre in date_prefixes()[1] else "published"


_NUMERIC_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}")


def _only_date_words(key: str) -> bool:
    if not _DIGIT.search(key):
        return False
    words = date_words()
    named = 0
    for t in _TOKEN.findall(key):
        if t.isdigit():
            continue
        if t.rstrip("ء") not in words and t not in words:
            return False
        named += 1
    return named > 0 or bool(_NUMERIC_DATE.search(key))


def is_date_only(line: Line) -> bool:
    """A line made only of a date (weekday/month words, numbers and separators, with a digit),
    possibly behind a label such as "Published" or "آخر تحديث:"."""
    return date_line_kind(line) is not None


_CRUMB = re.compile(r"\s+[/>»›<«‹]\s+|\s*[>»›<«‹]\s*")


@lru_cache(maxsize=1)
def _crumb_roots() -> frozenset[str]:
    return frozenset(match(w).strip() for w in load_json("furniture.json").get("breadcrumb_roots", ()))


def is_breadcrumb(line: Line) -> bool:
    """A breadcrumb trail: "Home / Region / Weather", "الرئيسية > محليات > حوادث": short segments
    joined by path separators (three or more, or two opening with "Home")."""
    if line.words > 14 or line.sentence_like:
        return False
    parts = [p.strip() for p in _CRUMB.split(line.key)]
    if len(parts) < 2 or not all(parts) or any(len(p.split()) > 4 or _DIGIT.search(p) for p in parts):
        return False
    return len(parts) >= 3 or parts[0] in _crumb_roots()


def label_parts(line: Line) -> list[str] | None:
    """The segments of a short "X | Y" label line ("الأفق | أخبار محلية", "World | Politics"), else None."""
    if "|" not in line.text or line.words > 8 or line.sentence_like or _DIGIT.search(line.text):
        return None
    parts = [p.strip() for p in line.text.split("|")]
    if not 2 <= len(parts) <= 4 or not all(parts) or any(len(p.split()) > 3 for p in parts):
        return None
    return parts


def is_separator(line: Line) -> bool:
    """Rules and ornaments: a line with no letters or digits (----, ***, ×××)."""
    if not line.has_letters and not _DIGIT.search(line.text):
        return True
    return bool(re.fullmatch(r"([×x*•·~=_\-–—])\1+", line.text))


def is_section(line: Line) -> bool:
    return line.words <= 3 and line.key.strip(" :|>»-") in sections()


def is_masthead_title(line: Line) -> bool:
    return line.words <= 6 and line.key.startswith(masthead_titles())
