"""Ingestion: bytes from files, folders and archives become ``Document`` values.

``read(paths)`` yields, in a stable order, one ``Document`` per article found and one
``InputError`` per input that could not be read; a bad input never stops the batch.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from riwaya.errors import InputError
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
            yield from parse_blob(blob, fields=fields)
        except InputError as err:
            yield err
