"""Which reader reads a blob: by extension first, then by the first characters."""
from __future__ import annotations

import dataclasses
import re
from typing import Iterator

from riwaya.errors import InputError, MalformedInput
from riwaya.ingest import ant, feed, html, jsonl, text, warc
from riwaya.ingest.archive import Blob, Limits, gunzip_member, is_archive, is_warc
from riwaya.ingest.encoding import decode_records, decode_text
from riwaya.model import Document

_PROLOG = r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*"
_FEED_HEAD = re.compile(_PROLOG + r"<(rss|feed|rdf:RDF)\b", re.S | re.I)
_HTML_HEAD = re.compile(
    r"^\s*(<!doctype\s+html|<!--|<(html|head|body|meta|title|div|p|article|section|main|h[1-6]|table|span|a)\b)",
    re.I)
_XML_HEAD = re.compile(r"^\s*<\?xml\b", re.I)


def sniff(name: str, head: str) -> str:
    n = name.lower()
    if is_warc(n):
        return "warc"
    if n.endswith((".jsonl", ".ndjson", ".jl")):
        return "jsonl"
    if n.endswith((".rss", ".atom")) or _FEED_HEAD.match(head):
        return "feed"
    stripped = head.lstrip()
    if stripped.startswith("<DOC>") or stripped.startswith("<DOC "):
        return "ant"
    if n.endswith((".html", ".htm", ".xhtml")) or _HTML_HEAD.match(head):
        return "html"
    if _XML_HEAD.match(head) and "<html" in head.lower():
        return "html"  # XHTML with an XML prolog
    if n.endswith(".xml") or _XML_HEAD.match(head):
        return "xml"
    return "text"


def parse_blob(blob: Blob, fields: dict | None = None, limits: Limits | None = None
               ) -> Iterator[Document | InputError]:
    src = blob.source
    limits = limits or Limits()
    if is_archive(blob.name) and src.member:
        yield MalformedInput(src.path, "an archive inside an archive is not read: unpack the outer one first",
                             src.member)
        return
    if blob.name.lower().endswith(".gz") and not is_warc(blob.name) and blob.data[:2] == b"\x1f\x8b":
        blob = gunzip_member(blob, limits)
    if is_warc(blob.name):
        yield from warc.read(blob, limits)
        return
    per_record = sniff(blob.name, "") == "jsonl"  # by its name: one record per line
    decoded = (decode_records if per_record else decode_text)(blob.data, src.path, src.member)
    blob = dataclasses.replace(blob, data=b"")  # the bytes are not needed past here
    docs = _parse_text(src, blob.name, decoded.text, fields)
    if decoded.warnings:
        docs = (with_warnings(d, decoded.warnings) for d in docs)
    yield from docs


def with_warnings(doc: Document | InputError, warnings: tuple[str, ...]) -> Document | InputError:
    """``doc`` with ``warnings`` added to ``extra["warnings"]`` (errors pass unchanged)."""
    if isinstance(doc, InputError) or not warnings:
        return doc
    had = tuple(doc.extra.get("warnings", ()))
    return dataclasses.replace(doc, extra={**doc.extra, "warnings": had + tuple(warnings)})


def _parse_text(src, name: str, body: str, fields: dict | None) -> Iterator[Document | InputError]:
    kind = sniff(name, body[:4096])
    if kind == "jsonl":
        yield from jsonl.read(src, body, fields)
    elif kind == "feed":
        yield from feed.read(src, body)
    elif kind == "ant":
        yield from ant.read(src, body)
    elif kind == "html":
        yield html.read(src, body)
    elif kind == "xml":
        yield MalformedInput(src.path, "XML that is neither an RSS/Atom feed nor TREC/ANT <DOC> documents",
                             src.member)
    else:
        yield text.read(src, body)
