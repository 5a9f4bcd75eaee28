"""TREC-like XML of the ANT corpus: <DOC><DOCNO/><URL/><SRC/><CAT/><TITLE/><TIME/><AUTHOR/>
<ABSTRACT/><TEXT/></DOC>, one or more documents per file. Parsed by finding each tag and its
closing tag (the files are not well-formed XML: raw '&' and '<' occur in text), strictly enough to
refuse a file whose <DOC> does not close, and a document with a field (``<TEXT>``) that does not."""
from __future__ import annotations

import html as _html
import re
from typing import Iterator

from riwaya.errors import InputError, MalformedInput
from riwaya.ingest.when import to_iso
from riwaya.model import Document, Source

_FIELDS = ("DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")


def _docs(body: str) -> tuple[list[str], int]:
    """The inner text of each complete <DOC>...</DOC>, and how many <DOC> opened."""
    out, pos = [], 0
    while True:
        start = body.find("<DOC>", pos)
        if start < 0:
            return out, body.count("<DOC>")
        end = body.find("</DOC>", start)
        if end < 0:
            return out, body.count("<DOC>")
        out.append(body[start + 5:end])
        pos = end + 6


def _fields(raw: str) -> tuple[dict[str, str], list[str]]:
    """Each field's text (first occurrence; plain ``find`` is several times faster than a regex),
    and the fields opened but never closed."""
    f, unclosed = {}, []
    for tag in _FIELDS:
        open_, close = f"<{tag}>", f"</{tag}>"
        i = raw.find(open_)
        if i < 0:
            continue
        j = raw.find(close, i)
        if j >= 0:
            f[tag] = _clean(raw[i + len(open_):j])
        else:
            unclosed.append(tag)
    return f, unclosed


def _clean(value: str) -> str:
    value = value.strip()
    if "&" in value and _ENTITY.search(value):
        value = _html.unescape(value)
    return value


def read(source: Source, body: str) -> Iterator[Document | InputError]:
    docs, opened = _docs(body)
    if not docs:
        yield MalformedInput(source.path, "TREC/ANT file without a complete <DOC>...</DOC>", source.member)
        return
    if opened != len(docs):
        yield MalformedInput(source.path, "unclosed <DOC> element", source.member)
    for raw in docs:
        f, unclosed = _fields(raw)
        docno = f.get("DOCNO") or None
        member = source.member
        if unclosed:  # its text would be lost or cut without a word
            yield MalformedInput(source.path, f"document {docno or '?'}: "
                                 f"{', '.join(f'<{t}>' for t in unclosed)} never closed", member)
            continue
        if "TEXT" not in f and "TITLE" not in f:
            yield MalformedInput(source.path, f"document {docno or '?'} has neither <TEXT> nor <TITLE>", member)
            continue
        text = f.get("TEXT", "")  # may be empty: the corpus has title-only entries; keep them
        time = f.get("TIME") or None
        published = to_iso(time)
        # The same text is filed under several DOCNOs, sometimes with another title or time: each
        # source keeps its own, so every DOCNO still maps to what it said.
        src = Source(source.path, member, docno, title=f.get("TITLE") or None, url=f.get("URL") or None,
                     published=published)
        yield Document(
            source=src, body=text.replace("\r\n", "\n"), format="ant",
            title=f.get("TITLE") or None, url=f.get("URL") or None, outlet=f.get("SRC") or None,
            category=f.get("CAT") or None, published=published,
            published_evidence="metadata:TIME" if published else None,
            author=f.get("AUTHOR") or None, abstract=f.get("ABSTRACT") or None,
            extra={"time_raw": time} if time else {},
        )
