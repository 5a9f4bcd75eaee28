"""Which reader reads a blob: by extension first, then by the first bytes."""
from __future__ import annotations

import re
from typing import Iterator

from riwaya.errors import InputError
from riwaya.ingest import ant, feed, html, jsonl, text, warc
from riwaya.ingest.archive import Blob
from riwaya.ingest.encoding import decode
from riwaya.model import Document

_FEED_HEAD = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
_HTML_HEAD = re.compile(r"^\s*(<!doctype\s+html|<html\b|<head\b|<body\b|<!--)", re.I)


def sniff(name: str, head: str) -> str:
    n = name.lower()
    if n.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
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
    return "text"


def parse_blob(blob: Blob, fields: dict | None = None) -> Iterator[Document | InputError]:
    src = blob.source
    if sniff(blob.name, "") == "warc":
        yield from warc.read(blob)
        return
    body, _encoding = decode(blob.data, src.path, src.member)
    kind = sniff(blob.name, body[:2048])
    if kind == "jsonl":
        yield from jsonl.read(src, body, fields)
    elif kind == "feed":
        yield from feed.read(src, body)
    elif kind == "ant":
        yield from ant.read(src, body)
    elif kind == "html":
        yield html.read(src, body)
    else:
        yield text.read(src, body)
