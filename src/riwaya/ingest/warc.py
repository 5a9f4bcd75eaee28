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


def _iterator(stream: BinaryIO):
    """warcio's record iterator, noting when the file is cut short where warcio stops without a
    word: in a record's headers (its first line was read, the rest is missing), or in the last
    gzip member of a ``.warc.gz``."""
    from warcio.archiveiterator import ArchiveIterator

    class Checked(ArchiveIterator):
        cut_short = False

        def _next_record(self, next_line):
            try:
                return super()._next_record(next_line)
            except EOFError:
                if next_line and next_line.strip():
                    self.cut_short = True
                raise

        def close(self):
            reader = self.reader
            decompressor = getattr(reader, "decompressor", None) if reader else None
            if decompressor is not None:
                self.cut_short |= not getattr(decompressor, "eof", True)
            elif reader is not None:
                end = sum(self.member_info) if self.member_info else 0
                self.cut_short |= _rest_is_not_blank(self.fh, end)
            super().close()

    return Checked(stream)


def _rest_is_not_blank(fh, offset: int) -> bool:
    """Bytes other than blank lines after the end of the last whole record of an uncompressed WARC."""
    try:
        fh.seek(offset)
        return bool(fh.read(4096).strip())
    except (OSError, ValueError):
        return False


def _cut_short(rec) -> int:
    """How many of the record's bytes are missing (its content is read to the end), or -1 when its
    headers are cut (no length)."""
    stream = rec.raw_stream
    if not hasattr(stream, "limit") or rec.rec_headers.get_header("Content-Length") is None:
        return -1
    while stream.read(1 << 16):
        pass
    return stream.limit


def _records(stream: BinaryIO, src: Source, limits: Limits) -> Iterator[Document | InputError]:
    from warcio.exceptions import ArchiveLoadFailed

    from riwaya.ingest import html

    found = n = 0
    prefix = f"{src.member + ':' if src.member else ''}"
    records = _iterator(stream)
    failed = None
    try:
        for n, rec in enumerate(records, 1):
            member = f"{prefix}record {n}"
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            ctype = status = ""
            if rec.rec_type == "response" and rec.http_headers is not None:
                ctype = rec.http_headers.get_header("Content-Type") or ""
                status = rec.http_headers.get_statuscode() or ""
            page = "html" in ctype.lower() and status.startswith("2")
            raw = rec.content_stream().read(limits.max_bytes + 1) if page else b""
            missing = _cut_short(rec)
            if missing:
                how = f"{missing} of its bytes are missing" if missing > 0 else "its headers end early"
                yield MalformedInput(src.path, f"record cut short: {how} ({uri})", member)
                found += 1  # said: the file is not one without pages
                continue
            if not page:
                continue
            found += 1
            if len(raw) > limits.max_bytes:
                yield TooLarge(src.path, f"record over the limit of {limits.max_bytes} bytes ({uri})", member)
                continue
            try:
                page = _page(raw, ctype, src.path, member)
                yield html.read(Source(src.path, member, uri, url=uri), page, url=uri)
            except InputError as err:
                yield err.bare()
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as err:
        failed = f"WARC could not be read after record {n} ({str(err)[:200]})"
    except Exception as err:  # noqa: BLE001  (warcio fails on some cuts with errors of its own)
        failed = f"WARC could not be read after record {n} ({type(err).__name__}): cut short or corrupt"
    if failed is None and records.cut_short:
        failed = f"WARC is cut short after record {n}: the rest was not read"
    if failed is not None:
        yield MalformedInput(src.path, failed, f"{prefix}record {n + 1}")
        return
    if not found:
        yield MalformedInput(src.path, "WARC file has no successful HTML response records", src.member)
