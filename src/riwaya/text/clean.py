"""Cleaning: a ``Document`` becomes an ``Article``: body paragraphs, title, and every dropped line
with its reason. Never drops a body sentence; a stray caption is the lesser harm."""
from __future__ import annotations

import re

from riwaya.ids import article_id
from riwaya.model import Article, Document, Paragraph, Published, Removed
from riwaya.text.normalise import display, match

_SENT_END = re.compile(r"[.!?؟…:\"”»)]\s*$")


def _is_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 25 and not _SENT_END.search(line)


def clean(doc: Document) -> Article:
    body = display(doc.body)
    lines = [ln.strip() for ln in body.split("\n")]
    removed: list[Removed] = []
    title = display(doc.title).strip() if doc.title else None
    title_evidence = "metadata" if title else "none"
    kept: list[str] = []
    title_key = match(title) if title else None
    for ln in lines:
        if not ln:
            continue
        if title is None and not kept and _is_headline(ln):
            title, title_key, title_evidence = ln, match(ln), "first line"
            removed.append(Removed(ln, "title"))
            continue
        if title_key is not None and abs(len(ln) - len(title)) < 8 and match(ln) == title_key:
            removed.append(Removed(ln, "repeated title"))
            continue
        kept.append(ln)
    text = "\n\n".join(kept)
    paragraphs, pos = [], 0
    for ln in kept:
        paragraphs.append(Paragraph(pos, pos + len(ln), "body"))
        pos += len(ln) + 2
    published = Published()
    if doc.published:
        published = Published(doc.published, doc.published_evidence or "metadata", 1.0)
    ident = article_id(text) if text.strip() else article_id(f"{title}\x1f{doc.url}\x1f{doc.source.external_id}")
    return Article(
        id=ident, text=text, sources=(doc.source,), format=doc.format,
        title=title, title_evidence=title_evidence, outlet=doc.outlet,
        outlet_evidence="metadata" if doc.outlet else "none", url=doc.url, author=doc.author,
        category=doc.category, abstract=doc.abstract, language=doc.language, published=published,
        removed=tuple(removed), paragraphs=tuple(paragraphs),
    )
