"""The page being cleaned: its lines, which are body lines, and what each line has been found to be.

``Page.read(doc)`` splits a document's body into non-empty display lines; the cleaning steps
(``text/clean.py``, ``text/page_head.py``) then label lines in ``Page.label`` (None: kept) and fill
in the title, the author and the outlet clues the page's own words give. The line shapes every
step asks about (body line, headline, subheading, bare name) are here too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from riwaya.model import Document
from riwaya.text import furniture as F
from riwaya.text.corpus import BODY_WORDS
from riwaya.text.normalise import display

# BODY_WORDS (shared with the corpus model): a line this long is body even without final punctuation
HEADING_WORDS = 12
BYLINE_WORDS = 4
TITLE_WORDS = 25

_INNER_END = re.compile(r"[.!?؟](?=\s+\S)")


class OutletClue(NamedTuple):
    """An outlet named by the page's words; the lowest ``rank`` (then the earliest line) wins."""

    rank: int
    line: int
    name: str
    evidence: str


@dataclass
class Page:
    """One document's lines and what cleaning has found so far. ``lines`` and ``body`` are fixed
    when the page is read; the steps write ``label``, the title fields, ``author`` and ``clues``."""

    lines: tuple[F.Line, ...]
    body: tuple[bool, ...]  # a full sentence or a long line
    first_body: int  # the first body line (len(lines) when none): lines before it are the page head
    last_body: int  # the last body line (-1 when none): lines after it are the page foot
    label: list[str | None]  # why each line is removed; None while it is kept
    author: str | None = None
    blocks: list[int] = field(default_factory=list)  # lines whose cue opens a trailing block
    title: str | None = None
    title_evidence: str = "none"
    title_at: int | None = None  # the headline's line, when the title was read from the page
    clues: list[OutletClue] = field(default_factory=list)

    @classmethod
    def read(cls, doc: Document) -> "Page":
        lines = tuple(x for x in (F.make_line(t) for t in display(doc.body).split("\n")) if x.text)
        n = len(lines)
        body = tuple(is_body(x) for x in lines)
        first_body = next((i for i in range(n) if body[i]), n)
        last_body = max((i for i in range(n) if body[i]), default=-1)
        return cls(lines, body, first_body, last_body, [None] * n, author=doc.author)

    @property
    def n(self) -> int:
        return len(self.lines)

    def said(self, rank: int, i: int, got: tuple[str, str] | None) -> None:
        """Record the outlet ``(name, evidence)`` line ``i`` names, if it names one."""
        if got:
            self.clues.append(OutletClue(rank, i, *got))

    def labelled_keys(self) -> list[str]:
        """The matching forms of the lines labelled so far."""
        return [self.lines[j].key for j in range(self.n) if self.label[j] is not None]


def is_body(ln: F.Line) -> bool:
    return ln.words >= BODY_WORDS or (ln.sentence_like and ln.words >= 5 and not ln.text.endswith(".."))


def title_like(ln: F.Line) -> bool:
    """A headline: 3-25 words, no sentence ending inside, ending without a full stop."""
    return (3 <= ln.words <= TITLE_WORDS and (not ln.sentence_like or ln.text.endswith(("?", "؟", "!")))
            and not _INNER_END.search(ln.text.rstrip(".!?؟…")))


def heading_like(ln: F.Line) -> bool:
    """A subheading: short, unpunctuated, not a lead-in to a list or quote ("وفيما يلي ...:")
    and not a clause continuing the text (a conjunction-led line of several words)."""
    t = ln.text
    return (ln.words <= HEADING_WORDS and not ln.sentence_like and not t.endswith((":", "：", "،", ","))
            and not (ln.words >= 4 and t[:1] in "وف" and t[1:2] not in ("", " ")))


def name_like(ln: F.Line) -> bool:
    """A bare person's name: two to four words, no digits, punctuation or section word."""
    t = ln.text
    return (2 <= ln.words <= BYLINE_WORDS and not ln.sentence_like and not any(ch.isdigit() for ch in t)
            and not any(ch in t for ch in "،,:;؛()[]\"«»“”/|") and not F.is_section(ln))
