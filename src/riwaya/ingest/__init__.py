"""Ingestion: bytes from files, folders and archives become ``Document`` values.

``read(paths)`` yields, in a stable order, one ``Document`` per article found and one
``InputError`` per input that could not be read; a bad input never stops the batch.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from riwaya.errors import InputError, MalformedInput
from riwaya.ingest.archive import Limits, iter_blobs
from riwaya.ingest.formats import parse_blob
from riwaya.model import Document

__all__ = ["Limits", "read"]


def read(paths: Iterable[str], limits: Limits | None = None, fields: dict | None = None
         ) -> Iterator[Document | InputError]:
    limits = limits or Limits()
    for blob in iter_blobs(paths, limits):
        if isinstance(blob, InputError):
            yield blob
            continue
        try:
            yield from parse_blob(blob, fields=fields, limits=limits)
        except InputError as err:
            yield err
        except Exception as err:  # noqa: BLE001
            # A parser library (lxml, feedparser, warcio, ...) choking on hostile input raises types of
            # its own: this input fails with the error's type and message on its line, the batch goes on.
            yield MalformedInput(blob.source.path, f"could not be parsed ({type(err).__name__}: {err})",
                                 blob.source.member)
