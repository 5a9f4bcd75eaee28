"""Sentence splitting for Arabic and Latin text, paragraph by paragraph, with character spans.

Splits after . ! ? ؟ … (and a closing quote or bracket that follows them) when whitespace or the
end of the paragraph follows. Never at the Arabic comma or semicolon; not inside brackets or
quotes opened in the same sentence (a quoted statement of several sentences stays one, up to
``MAX_QUOTED`` characters, after which an unclosed quote no longer holds the split back); not at
an elision "(…)" / "[...]"; not after a one-letter abbreviation ("د." "م." "J.") or a known
abbreviation ("Mr." "etc.").
"""
from __future__ import annotations

import re

from riwaya.model import Article, Sentence
from riwaya.pipeline import stage

_END = re.compile(r"(?:\.{2,}|…|[.!?؟])+(?:\s*[.!?؟])*[\"'”’»)\]]*(?=\s|$)")
_ABBREV = re.compile(r"(?:^|[\s(])(?:[^\W\d_]|Mr|Mrs|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|etc|vs|Inc|Ltd|Co)\.$")
_OPENERS = {"(": ")", "[": "]", "«": "»", "“": "”"}
MAX_QUOTED = 600


def _inside(segment: str) -> bool:
    """Is the end of ``segment`` inside a bracket or quote opened in it? (counts, not a parse)"""
    for o, c in _OPENERS.items():
        if o in segment and segment.count(o) > segment.count(c):
            return True
    return segment.count('"') % 2 == 1


def split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph)."""
    para = text[start:end]
    spans: list[tuple[int, int]] = []
    s = 0
    for m in _END.finditer(para):
        if m.start() > 0 and para[m.start() - 1] in "([" and para[m.end() - 1:m.end()] in ")]":
            continue  # an elision "(…)" inside a sentence
        if m.group(0) == "." and _ABBREV.search(para[max(s, m.start() - 6):m.start() + 1]):
            continue
        segment = para[s:m.end()]
        if len(segment) < MAX_QUOTED and _inside(segment):
            continue
        if segment.strip():
            spans.append(_trim(text, start + s, start + m.end()))
        s = m.end()
    if para[s:].strip():
        spans.append(_trim(text, start + s, end))
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@stage("sentences", requires=["text", "paragraphs"], assigns=["sentences"])
def sentences(article: Article) -> Article:
    out = []
    for i, p in enumerate(article.paragraphs):
        if p.kind != "body":
            continue
        for s, e in split(article.text, p.start, p.end):
            out.append(Sentence(s, e, i))
    return article.with_layer("sentences", tuple(out))
