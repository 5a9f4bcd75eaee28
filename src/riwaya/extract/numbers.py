"""Numbers read from tokens of the matching form: digits (Western or Eastern Arabic, the matching
form folds ٠-٩ to 0-9, ٫ to "." and ٬ to ","), number words (أربعة، خمسة عشر، ثلاثمئة، ثلاث مئة،
خمسمائة وخمسة وعشرون), scales after either (12 ألف، 3 ملايين، 1.5 مليار، مليون ونصف، نصف مليون) and
vague counts (عشرات، مئات، آلاف، عشرات الآلاف), which read as a low..high range, not a number.

``tokenize`` cuts the matching form into ``(kind, text, start, end)`` tuples: kind "n" a number in
digits, "x" a run of digits and separators that is not one number (a date 1/3/2018, a time 10:30,
a version 1.2.3), "w" a word, "s" any other character. ``read_number`` reads the number starting at
a token; the grammar is ``_Acc.take``. Words come from ``data/quantity_numbers.json``
(``extract.quantity_lexicon``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from riwaya.extract.quantity_lexicon import Atom, Lexicon

_TOKEN = re.compile(r"(?P<n>\d[\d.,/:]*\d|\d|(?<![\w.])\.\d+)|(?P<w>[^\W\d_]+)|(?P<s>\S)")
_PLAIN = re.compile(r"\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\.\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2}")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")  # 1,7 مليار: a decimal comma (never a thousands group)
# thousands grouped with dots (10.000.000; 10.000 only with zeros: 1.500 may be one and a half)
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}|\d{1,3}\.000")
_FRACTION = re.compile(r"(\d+)/(\d+)")
_SCALES = ("scale", "scale_dual", "scale_plural")

Token = tuple[str, str, int, int]


def tokenize(folded: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(folded):
        kind = m.lastgroup
        text = m.group()
        if kind == "n" and not _PLAIN.fullmatch(text) and not _FRACTION.fullmatch(text):
            kind = "x"
        out.append((kind, text, m.start(), m.end()))
    return out


def digits_value(text: str) -> float | None:
    """The value of a digit token: 1.5, 12,000, 3/4 (a fraction); None for a zero denominator."""
    f = _FRACTION.fullmatch(text)
    if f:
        den = int(f.group(2))
        return int(f.group(1)) / den if den else None
    if _DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(",", "."))
    if _DOT_GROUPS.fullmatch(text):
        return float(text.replace(".", ""))
    return float(text.replace(",", ""))


@dataclass(frozen=True, slots=True)
class Reading:
    """A number read from tokens ``start`` (a clitic of ``skip`` letters on it) to ``end`` (past)."""

    value: float | None  # None for a vague count
    low: float | None
    high: float | None
    start: int
    skip: int
    end: int
    how: str  # digits | words | digits+words | vague | fraction
    weak: bool  # one word that is often not a number (ست، أحد، نصف)
    plain: bool  # one bare integer in digits, no separators: could be a year or a code
    scale: float = 1.0  # the last scale word in it (ألف: 1000), 1 without one


class _Acc:
    """The number read so far: ``total`` of finished scale groups, the open ``group`` (< 1000 in
    words, any size in digits), the last atom's kind and the last scale used (groups after it must
    be smaller); a vague count keeps ``lo``/``hi`` instead."""

    def __init__(self):
        self.total = 0.0
        self.group: float | None = None
        self.last = ""
        self.scale = math.inf
        self.lo: float | None = None
        self.hi: float | None = None
        self.frac: float | None = None  # a fraction word read first: waits for a scale
        self.point = False  # a decimal-point word read: the next number is the decimals
        self.done = False
        self.n = 0
        self.weak = False
        self.kinds: set[str] = set()

    def take(self, a: Atom, conj: bool) -> bool:
        ok = self._take(a, conj)
        if ok:
            self.weak = self.n == 0 and (a.weak or a.kind == "fraction")
            self.n += 1
            self.kinds.add("digits" if a.kind == "digits" else "words")
        return ok

    def _take(self, a: Atom, conj: bool) -> bool:  # noqa: C901 - one grammar, one place
        k, v = a.kind, a.value
        if self.done:  # مليون ونصف مليون: the scale said again after its half
            if self.last == "fraction" and k == "scale" and not conj and v == self.scale:
                self.last = k
                return True
            return False
        if self.n == 0:
            return self._first(a)
        if self.lo is not None:  # a vague count takes one scale: عشرات الآلاف، بضعة آلاف
            if conj or k not in ("scale", "scale_plural") or self.last in _SCALES:
                return False
            self.lo, self.hi, self.last = self.lo * v, (self.hi + 1) * v - 1, k
            return True
        if self.frac is not None:  # نصف مليون
            if conj or k != "scale":
                return False
            self.total, self.frac, self.scale, self.last = self.frac * v, None, v, k
            return True
        if self.point:
            if conj or k not in ("digits", "unit", "teen", "tens") or self.group is None:
                return False
            places = len(str(int(v))) if v >= 1 else 1
            self.group += v / 10 ** places
            self.point, self.done, self.last = False, True, "decimal"
            return True
        last = self.last
        after_scale = last in _SCALES
        if k == "point":
            if conj or self.group is None or self.total or last not in ("unit", "digits", "teen", "tens"):
                return False
            self.point = True
            return True
        if k == "teen_word":  # خمسة عشر
            if conj or last != "unit" or self.group is None or not 1 <= self.group % 100 <= 9:
                return False
            self.group += 10
            self.last = "teen"
            return True
        if k in ("unit", "teen", "tens"):
            if conj and (after_scale or last in ("hundred", "hundreds") or (
                    k == "tens" and last == "unit" and (self.group or 0) % 100 < 10)):
                pass
            elif not conj and last in ("hundred", "hundreds"):
                pass  # colloquial: متين واحد وعشرين
            else:
                return False
            self.group = (self.group or 0) + v if not after_scale else v
            self.last = k
            return True
        if k == "hundred":
            if not conj and last == "unit" and self.group is not None and self.group < 10:
                self.group *= 100  # ثلاث مئة
            elif conj and after_scale and v < self.scale:
                self.group = v
            else:
                return False
            self.last = "hundreds"
            return True
        if k == "hundreds" or k == "digits":
            if not (conj and after_scale and v < self.scale):
                return False
            self.group, self.last = v, k
            return True
        if k == "scale":
            if not conj and self.group is not None and v < self.scale:
                self.total += self.group * v
            elif conj and self.group is None and v < self.scale:
                self.total += v
            else:
                return False
            self.group, self.scale, self.last = None, v, k
            return True
        if k == "scale_dual":
            if not (conj and self.group is None and v < self.scale):
                return False
            self.total += 2 * v
            self.scale, self.last = v, k
            return True
        if k == "scale_plural":  # ثلاثة آلاف، 10 آلاف (news also writes 307 مليارات)
            if conj or self.group is None or v >= self.scale or not (
                    2 <= self.group <= 10 or last == "digits"):
                return False
            self.total += self.group * v
            self.group, self.scale, self.last = None, v, k
            return True
        if k == "fraction":  # مليون ونصف، ثلاثة ونصف
            if not conj or last == "fraction":
                return False
            if after_scale:
                self.total += v * self.scale
            elif self.group is not None:
                self.group += v
            else:
                return False
            self.done, self.last = True, k
            return True
        return False

    def _first(self, a: Atom) -> bool:
        k, v = a.kind, a.value
        if k == "vague":
            self.lo, self.hi = v, a.high
        elif k == "scale_plural":  # آلاف alone: 2-9 thousands
            self.lo, self.hi = 2 * v, 10 * v - 1
        elif k == "scale":
            self.total, self.scale = v, v
        elif k == "scale_dual":
            self.total, self.scale = 2 * v, v
        elif k == "fraction":
            self.frac = v
        elif k in ("point", "teen_word"):
            return False
        else:
            self.group = v
        self.last = k
        return True

    def result(self) -> tuple[float | None, float | None, float | None] | None:
        if self.point:
            return None
        if self.lo is not None:
            return None, self.lo, self.hi
        if self.frac is not None:
            return self.frac, self.frac, self.frac
        v = self.total + (self.group or 0)
        return v, v, v


def _atoms_at(toks: list[Token], j: int, lex: Lexicon, first: bool):
    """The atoms the token at ``j`` can be, whether a conjunction joins it to what came before,
    the token past it, and the letters of a clitic on it; None if it is no number."""
    if j >= len(toks):
        return None
    kind, text = toks[j][0], toks[j][1]
    if kind == "n":
        v = digits_value(text)
        if v is None or (not first and "/" in text):
            return None
        return (Atom("digits", v),), False, j + 1, 0
    if kind != "w":
        return None
    if text == "و" and not first:
        nxt = _atoms_at(toks, j + 1, lex, True)
        if nxt and not nxt[1] and not nxt[3]:
            return nxt[0], True, nxt[2], 0
        return None
    for word, cut in lex.strip(text):
        clitic = text[:cut]
        if cut and not first and clitic != "و":
            continue
        atoms = lex.atoms.get(word)
        if atoms:
            return atoms, bool(cut) and not first, j + 1, cut
    return None


def read_number(toks: list[Token], i: int, lex: Lexicon) -> Reading | None:
    """The longest number that starts at token ``i``, or None."""
    neg = False
    start = i
    if toks[i][0] == "s" and toks[i][1] == "-" and i + 1 < len(toks) and toks[i + 1][0] == "n" \
            and toks[i + 1][2] == toks[i][3] and (i == 0 or (toks[i - 1][3] < toks[i][2] and toks[i - 1][0] != "n")):
        neg, i = True, i + 1
    acc = _Acc()
    j, skip, first = i, 0, True
    while True:
        got = _atoms_at(toks, j, lex, first)
        if got is None:
            break
        atoms, conj, nxt, cut = got
        if not any(acc.take(a, conj) for a in atoms):
            break
        if first:
            skip = cut
        j, first = nxt, False
    if acc.n == 0:
        return None
    res = acc.result()
    if res is None:
        return None
    value, low, high = res
    if neg:
        value, low, high = -value, -high, -low  # type: ignore[operator]
    text = toks[i][1]
    plain = acc.n == 1 and toks[i][0] == "n" and text.isdigit()
    how = "vague" if value is None else "fraction" if (acc.n == 1 and "/" in text) or acc.frac else \
        "+".join(sorted(acc.kinds, key=["digits", "words"].index))
    return Reading(value, low, high, start, skip, j, how, acc.weak, plain,
                   acc.scale if acc.scale != math.inf else 1.0)
