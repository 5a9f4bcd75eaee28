"""Cleaning's page-head steps: the lines above the first body line (and the dated lines of the foot).

After the language cues have labelled what they recognise (``text/clean.py``), ``read_head``
labels the rest of the head in order:

1. ``label_parts``: "X | Y" lines, an outlet's masthead with its section, or sections;
2. ``find_title``: the metadata title, else the headline among the head's headline-like lines;
3. ``label_repeated_title``: lines that repeat the title (one may place the headline);
4. ``label_outlet_name``: the outlet's name above the headline;
5. ``label_byline_and_dates``: a bare name right under the headline is the byline; a date line
   under the headline, or under the masthead just above it, may be the publication date
   (``dates.published`` checks it against the text), one at the top of the page above the
   masthead or the staff box is the day the page was scraped; a labelled date at the foot
   ("Published: ...") is a date line too.

Every step keeps the outlet names it reads as clues (``Page.said``).
"""
from __future__ import annotations

from riwaya.text import furniture as F
from riwaya.text import metadata as M
from riwaya.text.normalise import display, match
from riwaya.text.page import Page, name_like, title_like

SCRAPE_DATE = "scrape date"
DATE_LINE = "date line"
NEAR_HEADLINE = 3  # a date line at most this many lines above the headline, under the masthead


def read_head(page: Page, doc_title: str | None) -> None:
    """Label the page head and find the title (``doc_title``: the metadata's, if any)."""
    furniture_keys = page.labelled_keys()  # what the language cues labelled: masthead names are not these
    label_parts(page, furniture_keys)
    find_title(page, doc_title, furniture_keys)
    label_repeated_title(page)
    label_outlet_name(page, furniture_keys)
    label_byline_and_dates(page)


def label_parts(page: Page, furniture_keys: list[str]) -> None:
    """"X | Y" head lines: a masthead when X names an outlet, else section names."""
    for i in range(page.first_body):
        parts = F.label_parts(page.lines[i]) if page.label[i] is None else None
        if parts:
            got = M.masthead_outlet(parts[0], furniture_keys)
            page.label[i] = "masthead" if got else "section name"
            page.said(0, i, got)


def find_title(page: Page, doc_title: str | None, furniture_keys: list[str]) -> None:
    """The metadata title; without one, the headline: a headline-like head line with kept lines
    after it, outlet names set aside unless nothing else is left (``pick_headline``)."""
    page.title = display(doc_title).strip() if doc_title else None
    page.title_evidence = "metadata" if page.title else "none"
    if page.title is not None:
        return
    lines, label = page.lines, page.label
    cands = [i for i in range(page.first_body) if label[i] is None and title_like(lines[i])
             and any(label[j] is None for j in range(i + 1, page.n))]
    names = {i for i in cands if M.masthead_outlet(lines[i].text, furniture_keys)}
    pool = [i for i in cands if i not in names] or cands
    if pool:
        at = pick_headline(lines, pool)
        page.title_at, page.title, label[at] = at, lines[at].text, "title"
        page.title_evidence = "first headline line" if at == 0 else f"headline line {at + 1}"


def pick_headline(lines: tuple[F.Line, ...], pool: list[int]) -> int:
    """The headline among the page head's headline-like lines: the first of five words or more that
    is at least half as long as the longest, else the longest (mastheads and section labels are short)."""
    longest = max(lines[i].words for i in pool)
    for i in pool:
        if lines[i].words >= 5 and 2 * lines[i].words >= longest:
            return i
    return next(i for i in pool if lines[i].words == longest)


def label_repeated_title(page: Page) -> None:
    """Kept lines that are the title again; the first places the headline when nothing did."""
    title = page.title
    title_key = match(title).strip() if title else None
    if not title_key:
        return
    for i, ln in enumerate(page.lines):
        if page.label[i] is None and abs(len(ln.text) - len(title)) < 8 and match(ln.text).strip() == title_key:
            page.label[i] = "repeated title"
            page.title_at = i if page.title_at is None else page.title_at


def label_outlet_name(page: Page, furniture_keys: list[str]) -> None:
    """A kept head line above the headline (or above the body) that names an outlet is its masthead."""
    for i in range(page.title_at if page.title_at is not None else page.first_body):
        if page.label[i] is None and not page.body[i]:
            got = M.masthead_outlet(page.lines[i].text, furniture_keys)
            if got:
                page.label[i] = "masthead"
                page.said(0, i, got)


def label_byline_and_dates(page: Page) -> None:
    """Bylines and one-word fragments of the head; which head and foot dates are date lines."""
    lines, label, title_at = page.lines, page.label, page.title_at
    for i in range(page.first_body):
        near_title = title_at is not None and title_at < i <= title_at + 2
        if label[i] is None and near_title and name_like(lines[i]) and not page.author:
            label[i], page.author = "byline", lines[i].text
        elif label[i] is None and lines[i].words <= 1 and not lines[i].sentence_like:
            label[i] = "head fragment"
        elif label[i] == SCRAPE_DATE and publication_line(label, i, title_at):
            label[i] = DATE_LINE
    for i in range(page.last_body + 1, page.n):  # a labelled date at the foot: "Published: ..."
        if label[i] == SCRAPE_DATE and F.date_line_kind(lines[i]) in ("published", "updated"):
            label[i] = DATE_LINE


def publication_line(label: list[str | None], i: int, title_at: int | None) -> bool:
    """A head date line placed where pages print the publication date: below the headline, right
    above it, or between the masthead and the headline close above it; not above the masthead or
    the staff box, away from the headline (where pages print the day they are viewed)."""
    if title_at is None:
        return False
    if i > title_at or i == title_at - 1:
        return True
    return title_at - i <= NEAR_HEADLINE and any(label[j] == "masthead" for j in range(i))
