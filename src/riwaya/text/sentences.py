"""Sentence splitting for Arabic and Latin text, paragraph by paragraph, with character spans.

Splits after . ! ? ؟ … and a closing quote or bracket that follows them; never at the Arabic
comma; not inside parentheses or quotes that open in the same paragraph; keeps "(…)" and
abbreviations like "د." whole.
"""
from __future__ import annotations

import re

from riwaya.model import Article, Sentence
from riwaya.pipeline import stage

_END = re.compile(r"(?:\.{2,}|…|[.!?؟])+[\"'”’»)\]]*(?=\s+|$)")
_ABBREV = re.compile(r"(?:^|\s)(?:[A-Za-z]|[ء-ي]|Mr|Dr|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|etc|vs|[ء-ي]{1}\.[ء-ي]{1})\.$")
_OPEN = {"(": ")", "«": "»", "“": "”", "[": "]"}


def split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph)."""
    spans, s = [], start
    para = text[start:end]
    depth = 0
    last = 0
    for m in _END.finditer(para):
        segment = para[last:m.end()]
        for ch in segment:
            if ch in _OPEN:
                depth += 1
            elif ch in _OPEN.values() and depth > 0:
                depth -= 1
        last = m.end()
        if depth > 0:
            continue
        token = para[max(0, m.start() - 6):m.end()]
        if _ABBREV.search(token.rstrip("\"'”’»)]")) and m.group(0) == ".":
            continue
        e = start + m.end()
        if text[s:e].strip():
            spans.append(_trim(text, s, e))
        s = e
    if text[s:end].strip():
        spans.append(_trim(text, s, end))
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
