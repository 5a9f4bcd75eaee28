"""Cleaning: a ``Document`` becomes an ``Article``: body paragraphs, headings, title, outlet, author,
and every dropped line with its reason. Never drops a body sentence; a stray caption is the lesser harm.

Three kinds of evidence decide what a line is:

1. language (``text/furniture.py``, ``data/furniture.json``): cue phrases and patterns for
   captions, share widgets, "اقرأ المزيد" and related-article blocks, donation and follow prompts,
   mastheads, source and short-link lines, bylines, section names, date-only lines;
2. structure: a *body line* is a full sentence (or a long line); lines before the first body line
   are the page head (title, byline, section, masthead, scrape date), short unpunctuated lines
   between body lines are subheadings, a cue that opens a trailing block of short lines takes the
   block with it, and a line repeated in the page is kept once;
3. the corpus (``text/corpus.py``): lines the outlet repeats across many articles, and trailing
   teaser runs for outlets that append them.

A body line is only ever removed as an exact repetition (of the title or of an earlier line) or by
corpus evidence strong enough for sentences; never the first body line.
"""
from __future__ import annotations

import re

from riwaya.ids import article_id
from riwaya.model import Article, Document, Paragraph, Published, Removed
from riwaya.text import furniture as F
from riwaya.text import metadata as M
from riwaya.text.corpus import BODY_WORDS, OutletFurniture
from riwaya.text.normalise import display, match
from riwaya.text.sentences import split as split_sentences

# BODY_WORDS (shared with the corpus model): a line this long is body even without final punctuation
HEADING_WORDS = 12
BLOCK_LINE_WORDS = 15
BYLINE_WORDS = 4
REPEAT_MIN_WORDS = 4
TITLE_WORDS = 25

SCRAPE_DATE = "scrape date"


def _is_body(ln: F.Line) -> bool:
    return ln.words >= BODY_WORDS or (ln.sentence_like and ln.words >= 5 and not ln.text.endswith(".."))


_INNER_END = re.compile(r"[.!?؟](?=\s+\S)")


def _title_like(ln: F.Line) -> bool:
    """A headline: 3-25 words, no sentence ending inside, ending without a full stop."""
    return (3 <= ln.words <= TITLE_WORDS and (not ln.sentence_like or ln.text.endswith(("?", "؟", "!")))
            and not _INNER_END.search(ln.text.rstrip(".!?؟…")))


def _heading_like(ln: F.Line) -> bool:
    """A subheading: short, unpunctuated, not a lead-in to a list or quote ("وفيما يلي ...:")
    and not a clause continuing the text (a conjunction-led line of several words)."""
    t = ln.text
    return (ln.words <= HEADING_WORDS and not ln.sentence_like and not t.endswith((":", "：", "،", ","))
            and not (ln.words >= 4 and t[:1] in "وف" and t[1:2] not in ("", " ")))


def _name_like(ln: F.Line) -> bool:
    t = ln.text
    return (2 <= ln.words <= BYLINE_WORDS and not ln.sentence_like and not any(ch.isdigit() for ch in t)
            and not any(ch in t for ch in "،,:;؛()[]\"«»“”/|") and not F.is_section(ln))


def clean(doc: Document, furniture: OutletFurniture | None = None) -> Article:
    lines = [F.make_line(x) for x in display(doc.body).split("\n")]
    lines = [x for x in lines if x.text]
    n = len(lines)
    body = [_is_body(x) for x in lines]
    first_body = next((i for i in range(n) if body[i]), n)
    last_body = max((i for i in range(n) if body[i]), default=-1)
    label: list[str | None] = [None] * n
    block_at: list[int] = []
    author = doc.author
    outlet, outlet_ev = (doc.outlet, "metadata") if doc.outlet else (None, "none")
    text_outlet: list[tuple[str, str]] = []

    # 1. language: cues, date-only lines, separators, section names, mastheads
    for i, ln in enumerate(lines):
        c = F.cue(ln)
        if c is not None:
            label[i] = c.reason
            if c.block:
                block_at.append(i)
            if c.reason == "source line":
                got = M.outlet_from_source_line(ln.text)
                if got:
                    text_outlet.append(got)
            elif c.reason == "donation prompt":
                got = M.outlet_from_donation(ln.text)
                if got:
                    text_outlet.append(got)
            elif c.reason == "byline" and not author:
                author = M.author_from_byline(ln.text)
            continue
        if body[i]:
            continue
        edge = i < first_body or i > last_body  # the page head or foot, not between body lines
        if edge and F.is_date_only(ln):
            label[i] = SCRAPE_DATE
        elif F.is_separator(ln):
            label[i] = "separator"
        elif edge and F.is_section(ln):
            label[i] = "section name"
        elif F.is_masthead_title(ln):
            label[i] = "masthead"
    staff_titles = [i for i in range(n) if label[i] == "masthead"]
    for i in staff_titles:  # the name under a staff-box title
        j = i + 1
        if j < n and label[j] is None and not body[j] and (_name_like(lines[j]) or lines[j].words <= 3):
            label[j] = "masthead"

    # 2. title: metadata, else the first headline-like line of the page head, else derived
    title = display(doc.title).strip() if doc.title else None
    title_ev = "metadata" if title else "none"
    if title is None:
        for i in range(first_body):
            if label[i] is None and _title_like(lines[i]) and any(label[j] is None for j in range(i + 1, n)):
                title, title_ev, label[i] = lines[i].text, "first headline line" if i == 0 else f"headline line {i + 1}", "title"
                break
    title_key = match(title).strip() if title else None
    for i, ln in enumerate(lines):
        if label[i] is None and title_key and abs(len(ln.text) - len(title)) < 8 and match(ln.text).strip() == title_key:
            label[i] = "repeated title"

    # 3. the rest of the page head: a bare name right under a headline line is the byline
    title_at = next((i for i in range(n) if label[i] == "title"), None)
    for i in range(first_body):
        near_title = title_at is not None and title_at < i <= title_at + 2
        if label[i] is None and near_title and _name_like(lines[i]) and not author:
            label[i], author = "byline", lines[i].text
        elif label[i] is None and lines[i].words <= 1 and not lines[i].sentence_like:
            label[i] = "head fragment"

    # 4. repetition inside the page: keep the first copy
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        if label[i] is None and ln.words >= REPEAT_MIN_WORDS:  # short list items may repeat
            if ln.key in seen:
                label[i] = "repeated line"
            else:
                seen.add(ln.key)

    # 5. corpus evidence (the outlet's own recurring lines, and teaser runs)
    if furniture is not None and doc.outlet:
        lead = next((i for i in range(n) if label[i] is None), n)  # the page's first kept line
        for i, ln in enumerate(lines):
            if label[i] is None and i not in (first_body, lead):
                r = furniture.reason(doc.outlet, ln)
                if r:
                    label[i] = r
        if furniture.teaser_outlet(doc.outlet):
            run = []
            for i in range(n - 1, max(first_body, lead), -1):
                if label[i] is not None and not body[i]:
                    continue
                if label[i] is None and furniture.recurring(doc.outlet, lines[i]):
                    run.append(i)
                else:
                    break
            if len(run) >= 2:
                for i in run:
                    label[i] = "related teaser"

    # 6. trailing blocks opened by a block cue: every later line short -> part of the block
    for b in block_at:
        rest = range(b + 1, n)
        if all(label[j] is not None or (not body[j] and lines[j].words <= BLOCK_LINE_WORDS) for j in rest):
            for j in rest:
                if label[j] is None:
                    nxt = next((label[k] for k in range(j + 1, n) if label[k] not in (None, "share widget", "separator")), None)
                    label[j] = nxt or label[b]
            break

    # 7. assemble: kept lines become body paragraphs or headings
    kept: list[tuple[str, str]] = []
    # lines a reader dropped before us (the HTML extractor records its furniture) come first
    removed: list[Removed] = [r for r in doc.extra.get("removed", ()) if isinstance(r, Removed)]
    body_seen = False
    for i, ln in enumerate(lines):
        if label[i] is not None:
            removed.append(Removed(ln.text, label[i]))
            continue
        is_body_line = body[i] or not _heading_like(ln)
        if not is_body_line:
            after = any(body[j] and label[j] is None for j in range(i + 1, n))
            kind = "heading" if (after and (body_seen or i < first_body)) else "body"
        else:
            kind = "body"
        body_seen = body_seen or kind == "body"
        kept.append((ln.text, kind))

    text = "\n\n".join(t for t, _ in kept)
    paragraphs, pos = [], 0
    for t, kind in kept:
        paragraphs.append(Paragraph(pos, pos + len(t), kind))
        pos += len(t) + 2

    if title is None:
        lead = next((text[p.start:p.end] for p in paragraphs if p.kind == "body"), "")
        if lead:
            s, e = (split_sentences(lead, 0, len(lead)) or [(0, len(lead))])[0]
            title, title_ev = M.derive_title(lead[s:e]), "derived: lead sentence"

    if outlet is None:
        first = next((text[p.start:p.end] for p in paragraphs if p.kind == "body"), "")
        got = M.outlet_from_dateline(first) if first else None
        if got:
            text_outlet.append(got)
        if text_outlet:
            outlet, outlet_ev = text_outlet[0]

    published = Published()
    if doc.published:
        published = Published(doc.published, doc.published_evidence or "metadata", 1.0)
    ident = article_id(text, title) if text.strip() else article_id(f"{title}\x1f{doc.url}\x1f{doc.source.external_id}")
    return Article(
        id=ident, text=text, sources=(doc.source,), format=doc.format,
        title=title, title_evidence=title_ev, outlet=outlet, outlet_evidence=outlet_ev, url=doc.url,
        author=author, category=doc.category, abstract=doc.abstract, language=doc.language,
        published=published, removed=tuple(removed), paragraphs=tuple(paragraphs),
    )
