"""RSS and Atom feed files: one article per entry (full content when the feed carries it)."""
from __future__ import annotations

import calendar
import io
import re
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


_ENCODING_DECL = re.compile(r"""^(\s*<\?xml[^>]*?)\sencoding\s*=\s*["'][^"']*["']""", re.I)


def _as_utf8(body: str) -> bytes:
    """The feed as UTF-8 bytes whose prolog says so (the text was already decoded from its own)."""
    return _ENCODING_DECL.sub(r"\1", body, count=1).encode("utf-8")


def read(source: Source, body: str) -> Iterator[Document | InputError]:
    import feedparser

    # A stream, never a str: feedparser fetches a str that looks like a URL and opens one that
    # names a local file.
    parsed = feedparser.parse(io.BytesIO(_as_utf8(body)))
    if parsed.bozo and not isinstance(parsed.get("bozo_exception"), (feedparser.CharacterEncodingOverride,
                                                                     feedparser.NonXMLContentType)):
        # Not well-formed: one error for the file; the entries the lenient parser recovered are kept.
        why = parsed.get("bozo_exception")
        kept = f"; {len(parsed.entries)} entries recovered" if parsed.entries else ""
        yield MalformedInput(source.path, f"feed is not well-formed XML ({why}){kept}", source.member)
        # The file has its one error line: recovered entries without text are not reported again.
        yield from (d for d in _entries(source, parsed) if isinstance(d, Document))
        return
    if not parsed.entries:
        yield EmptyInput(source.path, "feed has no entries", source.member)
        return
    yield from _entries(source, parsed)


def _entries(source: Source, parsed) -> Iterator[Document | InputError]:
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
        src = Source(source.path, member, e.get("id") or e.get("link"), title=e.get("title") or None,
                     url=e.get("link") or None, published=published)
        yield Document(source=src, body=text,
                       format="feed", title=e.get("title"), url=e.get("link"), outlet=site,
                       published=published, published_evidence="metadata:feed" if published else None,
                       author=author)
