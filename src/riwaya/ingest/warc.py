"""WARC files: every successful HTML response record is a page, read by the HTML reader.

A WARC on disk is streamed record by record (real crawls are gigabytes); the size limit applies to
each record. A WARC inside an archive arrives as bytes."""
from __future__ import annotations

import io
import re
from typing import BinaryIO, Iterator

from riwaya.errors import InputError, MalformedInput, TooLarge
from riwaya.ingest.archive import Blob, Limits
from riwaya.ingest.encoding import decode
from riwaya.model import Document, Source

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def _page(raw: bytes, ctype: str, path: str, member: str) -> str:
    m = _CHARSET.search(ctype)
    if m:
        try:
            return raw.decode(m.group(1))
        except (UnicodeDecodeError, LookupError):
            pass
    return decode(raw, path, member)[0]


def read(blob: Blob, limits: Limits | None = None) -> Iterator[Document | InputError]:
    limits = limits or Limits()
    if blob.file is not None:
        with open(blob.file, "rb") as fh:
            yield from _records(fh, blob.source, limits)
    else:
        yield from _records(io.BytesIO(blob.data), blob.source, limits)


def _records(stream: BinaryIO, src: Source, limits: Limits) -> Iterator[Document | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from riwaya.ingest import html

    found = 0
    try:
        for n, rec in enumerate(ArchiveIterator(stream), 1):
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = rec.http_headers.get_header("Content-Type") or ""
            status = rec.http_headers.get_statuscode() or ""
            if "html" not in ctype.lower() or not status.startswith("2"):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            member = f"{src.member + ':' if src.member else ''}record {n}"
            found += 1
            raw = rec.content_stream().read(limits.max_bytes + 1)
            if len(raw) > limits.max_bytes:
                yield TooLarge(src.path, f"record over the limit of {limits.max_bytes} bytes ({uri})", member)
                continue
            try:
                page = _page(raw, ctype, src.path, member)
                yield html.read(Source(src.path, member, uri, url=uri), page, url=uri)
            except InputError as err:
                yield err
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as err:
        yield MalformedInput(src.path, f"WARC could not be read ({err})", src.member)
        return
    if not found:
        yield MalformedInput(src.path, "WARC file has no successful HTML response records", src.member)
