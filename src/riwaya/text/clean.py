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

The steps, in order, over a ``Page`` (``text/page.py``): ``label_by_language`` (cues, date-only
lines, separators, section names, breadcrumbs, mastheads and the staff names under them), the page
head (``text/page_head.py``: title, outlet name, byline, date lines), ``label_repeats``,
``label_by_corpus``, ``extend_blocks``, then ``assemble`` makes the article.
"""
from __future__ import annotations

from riwaya.ids import document_id
from riwaya.model import Article, Document, Paragraph, Published, Removed
from riwaya.text import furniture as F
from riwaya.text import metadata as M
from riwaya.text.corpus import OutletFurniture
from riwaya.text.page import Page, heading_like, name_like
from riwaya.text.page_head import SCRAPE_DATE, read_head
from riwaya.text.sentences import split as split_sentences

BLOCK_LINE_WORDS = 15
REPEAT_MIN_WORDS = 4

#: cues whose line names the outlet: the clue's rank (lowest wins) and the reader of the name
_CUE_OUTLETS = {
    "source line": (1, M.outlet_from_source_line),
    "donation prompt": (2, M.outlet_from_donation),
    "byline": (4, M.outlet_from_correspondent),
    "copyright": (5, M.outlet_from_copyright),
}
_DATELINE_RANK = 3  # the outlet a dateline in the first body paragraph names


def clean(doc: Document, furniture: OutletFurniture | None = None) -> Article:
    page = Page.read(doc)
    label_by_language(page)
    label_staff_names(page)
    read_head(page, doc.title)
    label_repeats(page)
    if furniture is not None and doc.outlet:
        label_by_corpus(page, furniture, doc.outlet)
    extend_blocks(page)
    return assemble(page, doc)


def label_by_language(page: Page) -> None:
    """Cue phrases (noting block openers, the outlet and the author they name); then, for lines
    that are not body: date-only lines, section names and breadcrumbs at the page's head or foot,
    separators and mastheads anywhere. A head date line is a "scrape date" until the head step
    finds it placed as the publication date."""
    for i, ln in enumerate(page.lines):
        c = F.cue(ln)
        if c is not None:
            page.label[i] = c.reason
            if c.block:
                page.blocks.append(i)
            if c.reason in _CUE_OUTLETS:
                rank, reader = _CUE_OUTLETS[c.reason]
                page.said(rank, i, reader(ln.text))
            if c.reason == "byline":
                page.author = page.author or M.author_from_byline(ln.text)
            continue
        if page.body[i]:
            continue
        edge = i < page.first_body or i > page.last_body  # the page head or foot, not between body lines
        if edge and F.is_date_only(ln):
            page.label[i] = SCRAPE_DATE
        elif F.is_separator(ln):
            page.label[i] = "separator"
        elif edge and F.is_section(ln):
            page.label[i] = "section name"
        elif edge and F.is_breadcrumb(ln):
            page.label[i] = "breadcrumb"
        elif F.is_masthead_title(ln):
            page.label[i] = "masthead"


def label_staff_names(page: Page) -> None:
    """The name under a staff-box title ("رئيس التحرير") belongs to the masthead."""
    label, lines = page.label, page.lines
    for i in [i for i in range(page.n) if label[i] == "masthead"]:
        j = i + 1
        if j < page.n and label[j] is None and not page.body[j] and (name_like(lines[j]) or lines[j].words <= 3):
            label[j] = "masthead"


def label_repeats(page: Page) -> None:
    """A kept line of four words or more seen earlier in the page is a repetition (short list
    items may repeat)."""
    seen: set[str] = set()
    for i, ln in enumerate(page.lines):
        if page.label[i] is None and ln.words >= REPEAT_MIN_WORDS:
            if ln.key in seen:
                page.label[i] = "repeated line"
            else:
                seen.add(ln.key)


def label_by_corpus(page: Page, furniture: OutletFurniture, outlet: str) -> None:
    """The outlet's own recurring lines, and a trailing run of recurring sentences for outlets that
    append teasers; never the first body line or the page's first kept line."""
    label = page.label
    lead = next((i for i in range(page.n) if label[i] is None), page.n)  # the page's first kept line
    for i, ln in enumerate(page.lines):
        if label[i] is None and i not in (page.first_body, lead):
            r = furniture.reason(outlet, ln)
            if r:
                label[i] = r
    if not furniture.teaser_outlet(outlet):
        return
    run = []
    for i in range(page.n - 1, max(page.first_body, lead), -1):
        if label[i] is not None and not page.body[i]:
            continue
        if label[i] is None and furniture.recurring(outlet, page.lines[i]):
            run.append(i)
        else:
            break
    if len(run) >= 2:
        for i in run:
            label[i] = "related teaser"


def extend_blocks(page: Page) -> None:
    """Trailing blocks opened by a block cue: when every later line is labelled or short, each is
    part of the block. An unlabelled line leads into the next block cue ("... بحاجتك" before
    "ادعم ..."), else it belongs to the block above it (the teasers under "مواضيع ذات صلة")."""
    label, n = page.label, page.n
    block_set = set(page.blocks)
    for b in page.blocks:
        rest = range(b + 1, n)
        if all(label[j] is not None or (not page.body[j] and page.lines[j].words <= BLOCK_LINE_WORDS) for j in rest):
            opened = label[b]
            for j in rest:
                if j in block_set:
                    opened = label[j]
                elif label[j] is None:
                    k = next((k for k in range(j + 1, n) if label[k] not in (None, "share widget", "separator")), None)
                    label[j] = label[k] if k in block_set else opened
            break


def kept_lines(page: Page) -> list[tuple[str, str]]:
    """The kept lines with their kind: a heading-like line with kept body after it (once the body
    has begun, or in the head) is a "heading", everything else "body"."""
    kept: list[tuple[str, str]] = []
    body, label, n = page.body, page.label, page.n
    body_seen = False
    for i, ln in enumerate(page.lines):
        if label[i] is not None:
            continue
        kind = "body"
        if not (body[i] or not heading_like(ln)):
            after = any(body[j] and label[j] is None for j in range(i + 1, n))
            kind = "heading" if (after and (body_seen or i < page.first_body)) else "body"
        body_seen = body_seen or kind == "body"
        kept.append((ln.text, kind))
    return kept


def assemble(page: Page, doc: Document) -> Article:
    """The article: kept lines joined as paragraphs, the removed lines with their reasons (after
    those a reader dropped before us), a title derived from the lead sentence when none was found,
    and the outlet from the metadata, else the best clue the page gave."""
    kept = kept_lines(page)
    text = "\n\n".join(t for t, _ in kept)
    paragraphs, pos = [], 0
    for t, kind in kept:
        paragraphs.append(Paragraph(pos, pos + len(t), kind))
        pos += len(t) + 2
    removed = [r for r in doc.extra.get("removed", ()) if isinstance(r, Removed)]
    removed += [Removed(ln.text, why) for ln, why in zip(page.lines, page.label) if why is not None]
    first = next((text[p.start:p.end] for p in paragraphs if p.kind == "body"), "")

    title, title_ev = page.title, page.title_evidence
    if title is None and first:
        s, e = (split_sentences(first, 0, len(first)) or [(0, len(first))])[0]
        title, title_ev = M.derive_title(first[s:e]), "derived: lead sentence"

    outlet, outlet_ev = (doc.outlet, "metadata") if doc.outlet else (None, "none")
    if outlet is None:
        page.said(_DATELINE_RANK, page.n, M.outlet_from_dateline(first) if first else None)
        if page.clues:
            outlet, outlet_ev = min(page.clues)[2:]

    published = Published()
    if doc.published:
        published = Published(doc.published, doc.published_evidence or "metadata", 1.0)
    ident = document_id(doc)  # a hash of what was read, never of what cleaning made of it
    return Article(
        id=ident, text=text, sources=(doc.source,), format=doc.format,
        title=title, title_evidence=title_ev, outlet=outlet, outlet_evidence=outlet_ev, url=doc.url,
        author=page.author, category=doc.category, abstract=doc.abstract, language=doc.language,
        published=published, removed=tuple(removed), paragraphs=tuple(paragraphs),
    )
