"""Quotation marks paired within a paragraph, as scraped Arabic pages write them.

Pages mix their marks: "..." and “...” and «...» but also “...“, ”...“ (a right-to-left editor
swapping the two) and ‟...„. So the double marks (" “ ” „ ‟ ″ ＂) are one family, paired by where
they stand rather than by their shape: a mark after a space, a bracket or an attached prefix
(بـ"الادعاءات") and before a letter opens; a mark after a letter and before a space or punctuation
closes; one that could be either closes what is open, else opens. Guillemets (« ») are a family of
their own, paired the same way. A mark that closes nothing is dropped; one still open at the
paragraph's end runs to that end (``closed`` False), as pages that forget the closing mark read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

FAMILIES = ('"“”„‟″＂', "«»")
_FAMILY = {c: i for i, fam in enumerate(FAMILIES) for c in fam}
_BEFORE_OPEN = set(" \t\n([{-–—/:،,؛;") | {"ـ"}
_AFTER_CLOSE = set(" \t\n)]}.،,؛;:!?؟…-–—/") | set("".join(FAMILIES))
_PREFIXES = set("وبلفك")
_MARK = re.compile("[" + re.escape("".join(FAMILIES)) + "]")


@dataclass(frozen=True, slots=True)
class Marked:
    """Text between a pair of marks: ``open`` is the opening mark's offset, ``start``/``end`` the
    words inside, ``close`` the closing mark's offset (``end`` itself; the paragraph's end when
    ``closed`` is False)."""

    open: int
    start: int
    end: int
    closed: bool = True


def _can_open(text: str, i: int, lo: int, hi: int) -> bool:
    if i + 1 >= hi or text[i + 1].isspace():
        return False
    if i == lo:
        return True
    prev = text[i - 1]
    if prev in _BEFORE_OPEN:
        return True
    # one attached prefix letter after a space: و"..." ب"..." ل"..."
    return prev in _PREFIXES and (i - 1 == lo or text[i - 2].isspace())


def _can_close(text: str, i: int, lo: int, hi: int) -> bool:
    if i == lo or text[i - 1].isspace():
        return False
    return i + 1 >= hi or text[i + 1] in _AFTER_CLOSE


def pairs(text: str, lo: int, hi: int) -> list[Marked]:
    """The quoted stretches of ``text[lo:hi]`` (one paragraph), in order of their opening mark."""
    out: list[Marked] = []
    open_at: list[int | None] = [None] * len(FAMILIES)
    for found in _MARK.finditer(text, lo, hi):
        i = found.start()
        fam = _FAMILY[text[i]]
        o = open_at[fam]
        can_open, can_close = _can_open(text, i, lo, hi), _can_close(text, i, lo, hi)
        if o is None:
            if can_open or not can_close:
                open_at[fam] = i
        elif can_close or not can_open:
            out.append(Marked(o, o + 1, i))
            open_at[fam] = None
        else:  # a clean opening mark while one is open: the earlier one was stray
            open_at[fam] = i
    for o in open_at:
        if o is not None and hi - o > 1:
            out.append(Marked(o, o + 1, hi, closed=False))
    out.sort(key=lambda m: m.open)
    return out


def all_pairs(text: str, paragraphs) -> list[Marked]:
    """Quoted stretches of every paragraph (or of the whole text when there are none)."""
    spans = [(p.start, p.end) for p in paragraphs] or [(0, len(text))]
    out: list[Marked] = []
    for lo, hi in spans:
        if _MARK.search(text, lo, hi):
            out.extend(pairs(text, lo, hi))
    return out
