"""WARC files: every HTML response record is a page, read by the HTML reader."""
from __future__ import annotations

import io
from typing import Iterator

from riwaya.errors import InputError, MalformedInput
from riwaya.ingest.archive import Blob
from riwaya.ingest.encoding import decode
from riwaya.model import Document, Source


def read(blob: Blob) -> Iterator[Document | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from riwaya.ingest import html

    src = blob.source
    found = 0
    try:
        for n, rec in enumerate(ArchiveIterator(io.BytesIO(blob.data)), 1):
            if rec.rec_type != "response":
                continue
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            member = f"{src.member + ':' if src.member else ''}record {n}"
            found += 1
            try:
                page, _ = decode(rec.content_stream().read(), src.path, member)
                yield html.read(Source(src.path, member, uri), page, url=uri)
            except InputError as err:
                yield err
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as err:
        yield MalformedInput(src.path, f"WARC could not be read ({err})", src.member)
        return
    if not found:
        yield MalformedInput(src.path, "WARC file has no HTML response records", src.member)
