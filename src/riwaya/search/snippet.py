"""The passage a hit was found in, cut from the ORIGINAL text (not the folded form search matches
on), with the offsets of the words that matched, relative to the passage."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from riwaya.search.forms import WORD
from riwaya.text.normalise import match_with_offsets, source_span

WIDTH = 220


@dataclass(frozen=True)
class Snippet:
    text: str
    marks: tuple[tuple[int, int], ...]  # [start, end) of each matched word in ``text``
    start: int  # where ``text`` begins in the article's text

    def bracketed(self, open_: str = "[", close: str = "]") -> str:
        out, at = [], 0
        for s, e in self.marks:
            out += [self.text[at:s], open_, self.text[s:e], close]
            at = e
        out.append(self.text[at:])
        return "".join(out)

    def to_json(self) -> dict:
        return {"text": self.text, "marks": [list(m) for m in self.marks], "start": self.start}


@lru_cache(maxsize=512)
def _plan(seqs) -> tuple[re.Pattern | None, frozenset[str], list]:
    """For a query's word sequences: a pattern that finds any first word as a whole word of the
    matching form (None: no word), the words that match alone, and the phrases (longest first)."""
    firsts = sorted({w for s in seqs if s for w in s[0] if w}, key=len, reverse=True)
    if not firsts:
        return None, frozenset(), []
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, firsts)) + r")(?![^\W_])")
    single = frozenset(w for s in seqs if len(s) == 1 for w in s[0])
    return pattern, single, sorted((s for s in seqs if len(s) > 1), key=len, reverse=True)


def spans(text: str, seqs) -> list[tuple[int, int]]:
    """Where each word sequence of ``seqs`` (one set of matching forms per word: a word, or a
    phrase) occurs in ``text``, as spans of ``text``: a phrase's words only where the phrase is
    (the longest phrase that starts at a word wins). Only the first words are looked for over the
    whole text (one pattern); a phrase's next words are read where a first word was found."""
    seqs = tuple(seqs)
    if not text or not seqs:
        return []
    folded, offsets = match_with_offsets(text)
    pattern, single, longer = _plan(seqs)
    if pattern is None:
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    for m in pattern.finditer(folded):
        if m.start() < pos:
            continue
        got = None
        for seq in longer:
            if m.group() not in seq[0]:
                continue
            words, after = [m], WORD.finditer(folded, m.end())
            for want in seq[1:]:
                t = next(after, None)
                if t is None or t.group() not in want:
                    break
                words.append(t)
            else:
                got = words
                break
        if got is None and m.group() in single:
            got = [m]
        if got:
            out += [source_span(offsets, t.start(), t.end()) for t in got]
            pos = got[-1].end()
    return out


def snippet(text: str, seqs, width: int = WIDTH) -> Snippet:
    """About ``width`` characters of ``text`` around the densest run of matched words."""
    hits = spans(text, seqs)
    if not hits:
        cut = _end(text, min(len(text), width))
        return Snippet(text[:cut], (), 0)
    best, best_n, j = hits[0][0], 0, 0
    for i, (s, _) in enumerate(hits):  # hits are in text order: a window slides over them
        j = max(j, i)
        while j < len(hits) and hits[j][0] < s + width - 40:
            j += 1
        if j - i > best_n:
            best, best_n = s, j - i
    start = _start(text, max(0, best - 40))
    end = _end(text, min(len(text), start + width))
    marks = tuple((s - start, e - start) for s, e in hits if s >= start and e <= end)
    return Snippet(text[start:end], marks, start)


def _start(text: str, i: int) -> int:
    """Back to the start of the word at ``i``."""
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _end(text: str, i: int) -> int:
    """On to the end of the word at ``i``."""
    while i < len(text) and not text[i].isspace():
        i += 1
    return i
