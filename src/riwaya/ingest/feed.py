"""RSS and Atom feed files: one article per entry (full content when the feed carries it)."""
from __future__ import annotations

import calendar
from datetime import datetime, timezone
from typing import Iterator

from riwaya.errors import EmptyInput, InputError, MalformedInput
from riwaya.model import Document, Source


def _html_to_text(fragment: str) -> str:
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except Exception:  # lxml raises several types on junk  # noqa: BLE001
        return fragment
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in root.iter("p", "div", "li", "h1", "h2", "h3", "h4"):
        p.tail = "\n\n" + (p.tail or "")
    lines = [ln.strip() for ln in root.text_content().splitlines()]
    out, blank = [], False
    for ln in lines:
        if ln:
            out.append(ln)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip()


def read(source: Source, body: str) -> Iterator[Document | InputError]:
    import feedparser

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        yield MalformedInput(source.path, f"feed could not be parsed ({parsed.get('bozo_exception')})", source.member)
        return
    if not parsed.entries:
        yield EmptyInput(source.path, "feed has no entries", source.member)
        return
    site = parsed.feed.get("title")
    for i, e in enumerate(parsed.entries, 1):
        member = f"{source.member + ':' if source.member else ''}entry {i}"
        content = ""
        if e.get("content"):
            content = max((c.get("value", "") for c in e.content), key=len)
        if not content:
            content = e.get("summary", "") or e.get("description", "")
        text = _html_to_text(content)
        if not text.strip():
            yield EmptyInput(source.path, "feed entry without text", member)
            continue
        published = None
        t = e.get("published_parsed") or e.get("updated_parsed")
        if t:
            published = datetime.fromtimestamp(calendar.timegm(t), tz=timezone.utc).isoformat()
        author = e.get("author")
        yield Document(source=Source(source.path, member, e.get("id") or e.get("link")), body=text,
                       format="feed", title=e.get("title"), url=e.get("link"), outlet=site,
                       published=published, published_evidence="metadata:feed" if published else None,
                       author=author)
