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
DATE_LINE = "date line"
NEAR_HEADLINE = 3  # a date line at most this many lines above the headline, under the masthead


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


def _pick_headline(lines: list[F.Line], pool: list[int]) -> int:
    """The headline among the page head's headline-like lines: the first of five words or more that
    is at least half as long as the longest, else the longest (mastheads and section labels are short)."""
    longest = max(lines[i].words for i in pool)
    for i in pool:
        if lines[i].words >= 5 and 2 * lines[i].words >= longest:
            return i
    return next(i for i in pool if lines[i].words == longest)


def _publication_line(label: list[str | None], i: int, title_at: int | None) -> bool:
    """A head date line placed where pages print the publication date: below the headline, right
    above it, or between the masthead and the headline close above it; not above the masthead or
    the staff box, away from the headline (where pages print the day they are viewed)."""
    if title_at is None:
        return False
    if i > title_at or i == title_at - 1:
        return True
    return title_at - i <= NEAR_HEADLINE and any(label[j] == "masthead" for j in range(i))


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
    text_outlet: list[tuple[int, int, str, str]] = []  # (rank, line, name, evidence): lowest rank wins

    def said(rank: int, i: int, got: tuple[str, str] | None) -> None:
        if got:
            text_outlet.append((rank, i, *got))

    # 1. language: cues, date-only lines, separators, section names, breadcrumbs, mastheads
    for i, ln in enumerate(lines):
        c = F.cue(ln)
        if c is not None:
            label[i] = c.reason
            if c.block:
                block_at.append(i)
            if c.reason == "source line":
                said(1, i, M.outlet_from_source_line(ln.text))
            elif c.reason == "donation prompt":
                said(2, i, M.outlet_from_donation(ln.text))
            elif c.reason == "byline":
                said(4, i, M.outlet_from_correspondent(ln.text))
                author = author or M.author_from_byline(ln.text)
            elif c.reason == "copyright":
                said(5, i, M.outlet_from_copyright(ln.text))
            continue
        if body[i]:
            continue
        edge = i < first_body or i > last_body  # the page head or foot, not between body lines
        if edge and F.is_date_only(ln):
            label[i] = SCRAPE_DATE  # a head date line may turn out to be the publication date (below)
        elif F.is_separator(ln):
            label[i] = "separator"
        elif edge and F.is_section(ln):
            label[i] = "section name"
        elif edge and F.is_breadcrumb(ln):
            label[i] = "breadcrumb"
        elif F.is_masthead_title(ln):
            label[i] = "masthead"
    staff_titles = [i for i in range(n) if label[i] == "masthead"]
    for i in staff_titles:  # the name under a staff-box title
        j = i + 1
        if j < n and label[j] is None and not body[j] and (_name_like(lines[j]) or lines[j].words <= 3):
            label[j] = "masthead"

    # 2. the page head: "X | Y" labels (an outlet's masthead with its section, or sections), the
    # outlet's name above the headline, and the headline among what is left
    furniture_keys = [lines[j].key for j in range(n) if label[j] is not None]
    for i in range(first_body):
        parts = F.label_parts(lines[i]) if label[i] is None else None
        if parts:
            got = M.masthead_outlet(parts[0], furniture_keys)
            label[i] = "masthead" if got else "section name"
            said(0, i, got)
    title = display(doc.title).strip() if doc.title else None
    title_ev = "metadata" if title else "none"
    title_at = None
    if title is None:
        cands = [i for i in range(first_body) if label[i] is None and _title_like(lines[i])
                 and any(label[j] is None for j in range(i + 1, n))]
        names = {i for i in cands if M.masthead_outlet(lines[i].text, furniture_keys)}
        pool = [i for i in cands if i not in names] or cands
        if pool:
            title_at = _pick_headline(lines, pool)
            title, label[title_at] = lines[title_at].text, "title"
            title_ev = "first headline line" if title_at == 0 else f"headline line {title_at + 1}"
    title_key = match(title).strip() if title else None
    for i, ln in enumerate(lines):
        if label[i] is None and title_key and abs(len(ln.text) - len(title)) < 8 and match(ln.text).strip() == title_key:
            label[i] = "repeated title"
            title_at = i if title_at is None else title_at
    for i in range(title_at if title_at is not None else first_body):  # the outlet's name above the headline
        if label[i] is None and not body[i]:
            got = M.masthead_outlet(lines[i].text, furniture_keys)
            if got:
                label[i] = "masthead"
                said(0, i, got)

    # 3. the rest of the page head: a bare name right under a headline line is the byline; a date
    # line under the headline, or under the masthead just above it, may be the publication date
    # (dates.published checks it against the text); one at the top of the page above the masthead
    # or the staff box is the day the page was scraped
    for i in range(first_body):
        near_title = title_at is not None and title_at < i <= title_at + 2
        if label[i] is None and near_title and _name_like(lines[i]) and not author:
            label[i], author = "byline", lines[i].text
        elif label[i] is None and lines[i].words <= 1 and not lines[i].sentence_like:
            label[i] = "head fragment"
        elif label[i] == SCRAPE_DATE and _publication_line(label, i, title_at):
            label[i] = DATE_LINE
    for i in range(last_body + 1, n):  # a labelled date at the foot: "Published: ..."
        if label[i] == SCRAPE_DATE and F.date_line_kind(lines[i]) in ("published", "updated"):
            label[i] = DATE_LINE

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

    # 6. trailing blocks opened by a block cue: every later line short -> part of the block. An
    # unlabelled line leads into the next block cue ("... بحاجتك" before "ادعم ..."), else it belongs
    # to the block above it (the teasers under "مواضيع ذات صلة")
    block_set = set(block_at)
    for b in block_at:
        rest = range(b + 1, n)
        if all(label[j] is not None or (not body[j] and lines[j].words <= BLOCK_LINE_WORDS) for j in rest):
            opened = label[b]
            for j in rest:
                if j in block_set:
                    opened = label[j]
                elif label[j] is None:
                    k = next((k for k in range(j + 1, n) if label[k] not in (None, "share widget", "separator")), None)
                    label[j] = label[k] if k in block_set else opened
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
        said(3, n, M.outlet_from_dateline(first) if first else None)
        if text_outlet:
            outlet, outlet_ev = min(text_outlet)[2:]

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
