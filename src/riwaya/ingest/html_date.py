"""The publication date of an HTML page, with the evidence it was read from.

Candidates, strongest first:

1. structured data the publisher wrote for machines: JSON-LD ``datePublished`` of an article-like
   object (then of the page object), then ``<meta>`` publication tags (``article:published_time``, ``itemprop=datePublished``,
   Dublin Core issued, ...) and ``<time itemprop=datePublished>``;
2. htmldate (``original_date=True``, ``extensive_search=True``, with the page URL), which weighs
   the same tags less strictly plus URL patterns, headers and dates in the text;

A structured value is taken as written (its own calendar day in its own UTC offset), never shifted
to another zone. Values outside 1990..next year are refused. The result says which candidate won
and which other candidates agreed, so a report can show why the date was believed.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from riwaya.data import load_json


@dataclass(frozen=True, slots=True)
class PageDate:
    value: str | None  # ISO 8601 date or datetime, as the page wrote it
    evidence: str | None  # e.g. "html:jsonld:datePublished (2022-05-08T06:00:00-05:00); agrees: htmldate"


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
                  r"\s*(Z|[+-]\d{2}:?\d{2})?)?", re.I | re.ASCII)  # metadata dates are in ASCII digits


def _cues() -> dict:
    return load_json("html_date_cues.json")


def parse_value(raw: str | None) -> str | None:
    """A structured date string as ISO 8601 (date, or datetime with its offset), or None."""
    if not raw or not isinstance(raw, str):
        return None
    m = _ISO.match(raw)
    if m:
        y, mo, d = (int(m.group(i)) for i in (1, 2, 3))
        try:
            day = dt.date(y, mo, d)
        except ValueError:
            return None
        if not _plausible(day):
            return None
        if m.group(4) is None:
            return day.isoformat()
        hh, mm, ss = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
        if hh > 23 or mm > 59 or ss > 59:
            return day.isoformat()
        off = m.group(7) or ""
        if off and off.upper() != "Z" and ":" not in off:
            off = off[:3] + ":" + off[3:]
        return f"{day.isoformat()}T{hh:02d}:{mm:02d}:{ss:02d}{'+00:00' if off.upper() == 'Z' else off}"
    try:  # RFC 2822, e.g. "Wed, 04 May 2022 02:41:00 GMT"
        when = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return when.isoformat() if _plausible(when.date()) else None


def _plausible(day: dt.date) -> bool:
    return 1990 <= day.year <= dt.date.today().year + 1


def _jsonld_objects(tree) -> list[dict]:
    out: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for x in node:
                walk(x)
        elif isinstance(node, dict):
            out.append(node)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                if key in node:
                    walk(node[key])

    for script in tree.xpath('.//script[contains(@type, "ld+json")]'):
        try:
            walk(json.loads(script.text or "", strict=False))
        except (ValueError, RecursionError):
            continue
    return out


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    return {str(x) for x in t} if isinstance(t, list) else {str(t)} if t else set()


def structured_candidates(tree) -> list[tuple[str, str]]:
    """``(evidence, ISO value)`` from JSON-LD, meta tags and ``<time>`` microdata, strongest first."""
    cues = _cues()
    found: list[tuple[str, str]] = []
    objects = _jsonld_objects(tree)
    for kinds in (set(cues["jsonld_article_types"]), set(cues["jsonld_page_types"])):
        for obj in objects:
            raw = obj.get("datePublished")
            value = parse_value(raw) if isinstance(raw, str) and _types(obj) & kinds else None
            if value:
                found.append(("jsonld:datePublished", value))
    names = [n.lower() for n in cues["meta_names"]]
    metas: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in names and key not in metas and meta.get("content"):
            metas[key] = meta.get("content")
    for key in names:
        value = parse_value(metas.get(key))
        if value:
            found.append((f"meta:{key}", value))
    for node in tree.iterfind('.//time[@itemprop="datePublished"]'):
        value = parse_value(node.get("datetime"))
        if value:
            found.append(("time:datePublished", value))
            break
    return found


def htmldate_candidate(tree, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        return find_date(tree, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError):
        return None


def _local_day_of(value: str, other: str) -> bool:
    """True when ``value`` is a UTC (or zone-less) clock reading and ``other`` is the calendar day
    next to it that the same moment falls on in a zone within 10 hours of UTC (pages show local days;
    JSON-LD is often serialised in UTC: 00:44Z on the 4th is the evening of the 3rd in Buenos Aires)."""
    m = _ISO.match(value)
    if not m or m.group(4) is None or (m.group(7) or "Z").upper() not in ("Z", "+00:00", "-00:00"):
        return False
    try:
        day, near = dt.date.fromisoformat(value[:10]), dt.date.fromisoformat(other[:10])
    except ValueError:
        return False
    hour = int(m.group(4))
    return (near == day - dt.timedelta(days=1) and hour < 10) or (near == day + dt.timedelta(days=1) and hour >= 14)


_UNSET = object()


def page_date(tree, url: str | None = None, htmldate_value=_UNSET) -> PageDate:
    """The page's publication date and its evidence (``PageDate(None, None)`` when none is found).

    ``htmldate_value``: htmldate's answer when the caller already has it (trafilatura's metadata
    date is htmldate run with the same settings: ``original_date``, ``extensive_search``, the URL);
    left out, htmldate is run here.
    """
    cands = structured_candidates(tree) if tree is not None else []
    if htmldate_value is _UNSET:
        hd = htmldate_candidate(tree, url) if tree is not None else None
    else:
        hd = parse_value(htmldate_value) if htmldate_value else None
    if hd:
        cands.append(("htmldate", hd))
    if not cands:
        return PageDate(None, None)
    rule, value = cands[0]
    if hd and rule != "htmldate" and _local_day_of(value, hd):
        return PageDate(hd, f"html:htmldate ({hd}); local day of {rule} ({value})")
    agree = sorted({r for r, v in cands[1:] if v[:10] == value[:10] and r != rule})
    evidence = f"html:{rule} ({value})" + (f"; agrees: {', '.join(agree)}" if agree else "")
    return PageDate(value, evidence)
