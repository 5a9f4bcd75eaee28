"""The passage a hit was found in, cut from the ORIGINAL text (not the folded form search matches
on), with the offsets of the words that matched, relative to the passage."""
from __future__ import annotations

from dataclasses import dataclass

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


def spans(text: str, seqs) -> list[tuple[int, int]]:
    """Where each word sequence of ``seqs`` (one set of matching forms per word: a word, or a
    phrase) occurs in ``text``, as spans of ``text``: a phrase's words only where the phrase is."""
    if not text or not seqs:
        return []
    folded, offsets = match_with_offsets(text)
    toks = [(m.start(), m.end(), m.group()) for m in WORD.finditer(folded)]
    single = frozenset(w for s in seqs if len(s) == 1 for w in s[0])
    longer = [s for s in seqs if len(s) > 1]
    out = []
    i = 0
    while i < len(toks):
        n = 0
        for s in longer:
            k = len(s)
            if k > n and i + k <= len(toks) and all(toks[i + j][2] in s[j] for j in range(k)):
                n = k
        if not n and toks[i][2] in single:
            n = 1
        if n:
            out += [source_span(offsets, toks[j][0], toks[j][1]) for j in range(i, i + n)]
            i += n
        else:
            i += 1
    return out


def snippet(text: str, seqs, width: int = WIDTH) -> Snippet:
    """About ``width`` characters of ``text`` around the densest run of matched words."""
    hits = spans(text, seqs)
    if not hits:
        cut = _end(text, min(len(text), width))
        return Snippet(text[:cut], (), 0)
    best, best_n = hits[0][0], 0
    for s, _ in hits:
        n = sum(1 for s2, _ in hits if s <= s2 < s + width - 40)
        if n > best_n:
            best, best_n = s, n
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
