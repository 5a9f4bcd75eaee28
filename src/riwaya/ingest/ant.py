"""TREC-like XML of the ANT corpus: <DOC><DOCNO/><URL/><SRC/><CAT/><TITLE/><TIME/><AUTHOR/>
<ABSTRACT/><TEXT/></DOC>, one or more documents per file. Parsed with anchored patterns (the
files are not well-formed XML: raw '&' and '<' occur in text), strictly enough to refuse a file
whose tags do not close."""
from __future__ import annotations

import html as _html
import re
from email.utils import parsedate_to_datetime
from typing import Iterator

from riwaya.errors import InputError, MalformedInput
from riwaya.model import Document, Source

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.S)
_FIELD = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", re.S)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")


def _clean(value: str) -> str:
    value = value.strip()
    if "&" in value and _ENTITY.search(value):
        value = _html.unescape(value)
    return value


def rfc822_to_iso(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def read(source: Source, body: str) -> Iterator[Document | InputError]:
    docs = _DOC.findall(body)
    if not docs:
        yield MalformedInput(source.path, "TREC/ANT file without a complete <DOC>...</DOC>", source.member)
        return
    if body.count("<DOC>") != len(docs):
        yield MalformedInput(source.path, "unclosed <DOC> element", source.member)
    for raw in docs:
        f = {k: _clean(v) for k, v in _FIELD.findall(raw)}
        docno = f.get("DOCNO") or None
        member = source.member
        src = Source(source.path, member, docno)
        if "TEXT" not in f and "TITLE" not in f:
            yield MalformedInput(source.path, f"document {docno or '?'} has neither <TEXT> nor <TITLE>", member)
            continue
        text = f.get("TEXT", "")  # may be empty: the corpus has title-only entries; keep them
        time = f.get("TIME") or None
        published = rfc822_to_iso(time) if time else None
        yield Document(
            source=src, body=text.replace("\r\n", "\n"), format="ant",
            title=f.get("TITLE") or None, url=f.get("URL") or None, outlet=f.get("SRC") or None,
            category=f.get("CAT") or None, published=published,
            published_evidence="metadata:TIME" if published else None,
            author=f.get("AUTHOR") or None, abstract=f.get("ABSTRACT") or None,
            extra={"time_raw": time} if time else {},
        )
