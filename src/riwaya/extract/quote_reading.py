"""Reading a text for the quotes stage: its tokens with matching forms, its quotation marks, and
the names, phrases and media the quote rules (``extract.quotes``) ask about.

``TextReader`` holds one article's tokens, its quotation-mark pairs and two character maps ("inside
closed marks", "already read by a rule"), so that those questions are O(1) and the stage stays
linear in the text. A name runs from its first token up to a word that ends a name (a preposition,
a time word, a relative pronoun, a complementizer, a cue), across an appositive between commas.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from riwaya.extract.quote_lexicon import QuoteLexicon, norm
from riwaya.extract.quote_marks import Marked, all_pairs
from riwaya.model import Article, Phrase

TOKEN = re.compile(r"(?:[^\W\d_]|[\u064B-\u065F\u0670])+|\d+(?:[.,٫]\d+)*|[^\w\s]")
COMMA = frozenset(",،")
TRIM = " \t\n.،,؛;:!?؟…-–—"
VIA_WORDS = 7  # the longest name of a medium relaying a quote


class Tokens:
    """The text's words and marks, with their matching forms."""

    def __init__(self, text: str):
        self.text = text
        self.start: list[int] = []
        self.end: list[int] = []
        self.word: list[str] = []
        for m in TOKEN.finditer(text):
            self.start.append(m.start())
            self.end.append(m.end())
            self.word.append(norm(m.group()))

    def raw(self, i: int) -> str:
        return self.text[self.start[i]:self.end[i]]

    def is_word(self, i: int) -> bool:
        return self.text[self.start[i]].isalnum()

    def index(self, pos: int) -> int:
        return bisect_left(self.start, pos)


class TextReader:
    """One article as the quote rules read it."""

    def __init__(self, article: Article, lex: QuoteLexicon):
        self.a = article
        self.text = article.text
        self.lex = lex
        self.t = Tokens(self.text)
        self.marks = sorted(all_pairs(self.text, article.paragraphs), key=lambda m: m.open)
        self.open_at = {m.open: m for m in self.marks}
        self.opens = [m.open for m in self.marks]  # sorted: all_pairs sorts each paragraph's pairs
        # character maps, so that "is this inside marks / inside words already read" is O(1)
        self.quoted = bytearray(len(self.text))
        for m in self.marks:
            if m.closed:
                self.quoted[m.start:m.end] = b"\x01" * (m.end - m.start)
        self.cov = bytearray(len(self.text))
        self.paras = sorted((p.start, p.end) for p in article.paragraphs)

    def phrase(self, i: int, j: int, skip_prefix: bool = False) -> Phrase | None:
        t = self.t
        while j > i and not t.is_word(j - 1) and t.raw(j - 1) not in "”“\"«»":
            j -= 1
        if j <= i:
            return None
        s = t.start[i]
        if skip_prefix:  # لوكالة، لـCNN: the name without its ل (and tatweel)
            s += 1
            while s < t.end[i] - 1 and self.text[s] == "ـ":
                s += 1
        e = t.end[j - 1]
        s, e = strip_marks(self.text, s, e)
        return Phrase(s, e, self.text[s:e]) if e > s else None

    def span_phrase(self, s: int, e: int) -> Phrase:
        return Phrase(s, e, self.text[s:e])

    def stops_name(self, i: int) -> bool:
        lex, w = self.lex, self.t.word[i]
        return bool(lex.lookup(w, lex.speaker_stops) or lex.is_complementizer(w) or w in lex.say_nouns
                    or lex.verb(w) or lex.lookup(w, lex.participles) or lex.lookup(w, lex.nominal)
                    or (len(w) > 3 and w[0] == "ل" and lex.medium(w[1:])))

    def name_end(self, i: int, stop: int, limit: int, commas: bool) -> int:
        """Past the last token of the noun phrase starting at token ``i``."""
        t, j = self.t, i
        while j < stop and j - i < limit:
            raw = t.raw(j)
            if raw in COMMA:
                if commas and j + 1 < stop and t.is_word(j + 1) and not self.stops_name(j + 1) \
                        and self.appositive(j + 1, stop, limit - (j - i)):
                    j += 1
                    continue
                break
            if j == i and raw[0] == "ل" and raw.endswith(("ه", "ها", "هم")) and len(raw) > 3:
                break  # أعلن لمحبيه، أوضح لمتابعيه: whom he told, not who spoke
            if raw == "#" and j + 1 < stop and t.is_word(j + 1):
                j += 1  # a hashtag: #الشرطة_النمساوية
                continue
            m = self.open_at.get(t.start[j])
            if m is not None and m.closed and m.end - m.start <= 40 and j > i and self.names_a_title(j - 1):
                j = t.index(m.end + 1)  # a name in marks after its kind: شبكة "روسيا اليوم"، حركة "حماس"
                continue
            if raw in "”“\"«»" and j == i and j + 1 < stop and t.is_word(j + 1):
                j += 1
                continue
            if j == i and t.is_word(j) and self.lex.lookup(t.word[j], self.lex.documents):
                j += 1  # a statement can be the source: بحسب بيان صدر عن مكتب الرئاسة
                continue
            if not t.is_word(j) or self.stops_name(j):
                w = t.word[j]
                # "بيان صدر عن مكتب الرئاسة": the issuer belongs to the statement
                if w in ("عن", "ل") and j > i and t.word[j - 1] in ("صدر", "صادر", "الصادر"):
                    j += 1
                    continue
                break
            j += 1
        return j

    def paragraph_end(self, pos: int) -> int:
        para = containing(self.paras, pos)
        return para[1] if para else pos

    def word_count(self, m: Marked) -> int:
        return sum(1 for x in TOKEN.findall(self.text[m.start:m.end]) if x[0].isalnum())

    def names_a_title(self, k: int) -> bool:
        """Is token ``k`` a noun that a quoted name follows (وكالة، شبكة، حركة، منظمة، لقناة)?"""
        lex, w = self.lex, self.t.word[k]
        bare = w[1:] if len(w) > 3 and w[0] == "ل" else w
        return any(lex.lookup(x, lex.title_nouns) or lex.lookup(x, lex.media) for x in (w, bare))

    def appositive(self, k: int, stop: int, limit: int) -> bool:
        """After a comma inside a name: does a second comma or a complementizer close it?"""
        t = self.t
        for n in range(k, min(stop, k + max(limit, 1))):
            if t.raw(n) in COMMA or self.lex.is_complementizer(t.word[n]):
                return True
            if not t.is_word(n) or self.stops_name(n):
                return False
        return False

    def adverbial_after(self, j: int) -> bool:
        """Does an adverbial or a medium follow the speaker (، في تصريحات لشبكة ...)?"""
        t = self.t
        while j < len(t.word) and t.raw(j) in COMMA:
            j += 1
        return j < len(t.word) and t.is_word(j) and self.stops_name(j)

    def marks_in(self, s: int, end: int) -> list[Marked]:
        """The quoted stretches that open in text[s:end]."""
        return self.marks[bisect_left(self.opens, s):bisect_left(self.opens, end)]

    def through_marks(self, s: int, end: int) -> int:
        """``end``, moved past the closing mark of any quotation opened in text[s:end]."""
        for m in self.marks_in(s, end):
            if m.end > end:
                end = m.end + (1 if m.closed else 0)
        return end

    def in_marks(self, pos: int) -> bool:
        """Inside a closed pair of quotation marks (a cue there is part of the words quoted)."""
        return bool(self.quoted[pos])

    def is_covered(self, pos: int) -> bool:
        return bool(self.cov[pos])

    def cover(self, s: int, e: int) -> None:
        if e > s:
            self.cov[s:e] = b"\x01" * (e - s)

    def media_between(self, j: int, k: int) -> list[Phrase]:
        """``قال لوكالة رويترز إن``, ``في مقابلة مع صحيفة X``: a medium between speaker and words."""
        t, lex, out = self.t, self.lex, []
        n = j
        while n < k:
            w = t.word[n]
            attached = len(w) > 3 and w[0] == "ل" and lex.medium(w[1:])
            after_link = lex.medium(w) and n > 0 and lex.lookup(t.word[n - 1], lex.via_links) is not None
            if attached or after_link:
                e = self.name_end(n + 1, k, VIA_WORDS - 1, commas=False)
                p = self.phrase(n, e, skip_prefix=attached)
                if p is not None:
                    out.append(p)
                n = e
            n += 1
        return out

    def verb_with_pronoun(self, w: str) -> bool:
        """حسب ما كشفه / قالته: a speech verb with an object pronoun."""
        for suffix in ("ته", "ه", "ها"):
            if w.endswith(suffix) and len(w) > len(suffix) + 1:
                stem = w[:-len(suffix)] + ("ت" if suffix == "ته" else "")
                if self.lex.verb(stem) or self.lex.verb(w[:-len(suffix)]):
                    return True
        return False


def containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of the sorted, non-overlapping ``spans`` that holds ``pos``."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return spans[i] if i >= 0 and spans[i][0] <= pos < spans[i][1] else None


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def strip_marks(text: str, s: int, e: int) -> tuple[int, int]:
    """A name's span without marks left hanging at its edges (وكالة “سبوتنيك“ keeps both)."""
    inner = text[s:e]
    opens = sum(inner.count(c) for c in "“”\"«»")
    while e > s and text[e - 1] in "“”\"«»" and opens % 2 == 1:
        e -= 1
        opens -= 1
    while s < e and text[s] in "“”\"«»" and opens % 2 == 1:
        s += 1
        opens -= 1
    if s < e and text[s] in "“”\"«»" and text[e - 1] in "“”\"«»" and e - s > 2:
        s, e = s + 1, e - 1
    return s, e
