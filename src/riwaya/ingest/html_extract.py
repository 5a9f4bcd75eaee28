"""Main text and metadata of an HTML page, built on trafilatura with general rules around it.

1. trafilatura in precision mode (``favor_precision``), without comments: it leaves out more of
   the page's furniture than the default mode.
2. When that keeps fewer than ``SHORT_WORDS`` words and the default mode finds more than
   ``RECALL_RATIO`` times as many, precision mode has cut the article itself: take the default.
3. When both find nothing, trafilatura's ``baseline`` (the text of ``<article>``, JSON-LD
   ``articleBody`` or all paragraphs) is the last resort, if it has ``BASELINE_MIN_WORDS`` words.
4. Lines that are page furniture in any language (``data/html_furniture.json``: "Read more: ...",
   "N Comments", newsletter and follow prompts, photo credits) are dropped, each kept with its
   reason, and only when short: a long line is body text whatever it starts with.

Paragraphs are separated by a blank line. Every step that fired is named in ``method``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_json

SHORT_WORDS = 100
RECALL_RATIO = 2.0
BASELINE_MIN_WORDS = 20  # trafilatura's baseline ends with the whole page text: a menu is no article
MIN_WORDS = 5  # fewer words than this (a lone menu item or heading) is no article


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str  # paragraphs separated by blank lines
    method: str  # which extraction produced ``text``, e.g. "trafilatura:precision"
    removed: tuple[tuple[str, str], ...] = ()  # (line, reason) dropped as furniture
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    hostname: str | None = None
    url: str | None = None
    description: str | None = None
    language: str | None = None
    date: str | None = None  # trafilatura's metadata date: htmldate (original_date, extensive_search, url)
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Cue:
    reason: str
    max_words: int
    pattern: re.Pattern


@lru_cache(maxsize=1)
def _cues() -> tuple[_Cue, ...]:
    data = load_json("html_furniture.json")
    out = []
    for reason, spec in data["cues"].items():
        pattern = re.compile("|".join(f"(?:{p})" for p in spec["patterns"]), re.I)
        out.append(_Cue(reason, int(spec["max_words"]), pattern))
    return tuple(out)


def furniture_reason(line: str) -> str | None:
    """Why ``line`` is page furniture, or None when it may be body text."""
    s = line.strip().lstrip("-•*|>» ").strip()
    if not s:
        return None
    n = len(s.split())
    for cue in _cues():
        if n <= cue.max_words and cue.pattern.search(s):
            return cue.reason
    return None


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _words(text: str | None) -> int:
    """Words in ``text``; Chinese, Japanese and Korean runs (no spaces) count two characters a word."""
    text = text or ""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub("", text).split()) + cjk // 2


def _run(page, url: str | None, precision: bool):
    import trafilatura

    try:
        return trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                           favor_precision=precision)
    except (ValueError, TypeError, AttributeError, AssertionError):  # lxml refuses some pages
        return None


def _baseline(page) -> str:
    import trafilatura

    try:
        return trafilatura.baseline(page)[1] or ""
    except (ValueError, TypeError, AttributeError):
        return ""


def paragraphs(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Non-empty lines of extracted text, furniture lines set aside with their reason."""
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        reason = furniture_reason(line)
        if reason:
            removed.append((line, reason))
        else:
            kept.append(line)
    return kept, removed


def _tuple(value) -> tuple[str, ...]:
    if not value:
        return ()
    items = [value] if isinstance(value, str) else [str(v) for v in value if v]
    return tuple(dict.fromkeys(p.strip() for item in items for p in item.split(",") if p.strip()))


def extract(page, url: str | None = None) -> Extracted | None:
    """The main text and metadata of ``page`` (HTML text or a parsed lxml tree, which is not
    modified), or None when the page has no article text (fewer than ``MIN_WORDS`` words once
    furniture is set aside)."""
    doc = _run(page, url, precision=True)
    method = "trafilatura:precision"
    text = doc.text if doc is not None else ""
    if _words(text) < SHORT_WORDS:
        wide = _run(page, url, precision=False)
        if wide is not None and _words(wide.text) > RECALL_RATIO * _words(text):
            doc, text = wide, wide.text
            method = "trafilatura:default (precision mode kept too little)"
    if not (text or "").strip():
        text = _baseline(page)
        method = "trafilatura:baseline"
        if _words(text) < BASELINE_MIN_WORDS:
            return None
    kept, removed = paragraphs(text)
    if _words(" ".join(kept)) < MIN_WORDS:
        return None

    def get(name):
        value = getattr(doc, name, None)
        return value.strip() if isinstance(value, str) and value.strip() else None

    return Extracted(
        text="\n\n".join(kept), method=method, removed=tuple(removed), title=get("title"),
        author=get("author"), sitename=get("sitename"), hostname=get("hostname"), url=get("url"),
        description=get("description"), language=get("language"), date=get("date"),
        categories=_tuple(getattr(doc, "categories", None)), tags=_tuple(getattr(doc, "tags", None)),
    )
