"""Ingestion: bytes from files, folders and archives become ``Document`` values.

``read(paths)`` yields, in a stable order, one ``Document`` per article found and one
``InputError`` per input that could not be read; a bad input never stops the batch. The errors it
yields are bare (no traceback, no chained exception): they hold strings, never an input's bytes.
What was read but changed on the way (a line in another encoding, a damaged byte) is said in the
document's ``extra["warnings"]``: a tuple of sentences, each naming what and where.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

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
            yield blob.bare()
            continue
        failed: InputError | None = None
        try:
            for doc in parse_blob(blob, fields=fields, limits=limits):
                item = _checked(doc)
                yield item.bare() if isinstance(item, InputError) else item
        except InputError as err:
            failed = err.bare()
        except Exception as err:  # noqa: BLE001
            # A parser library (lxml, feedparser, warcio, ...) choking on hostile input raises types of
            # its own: this input fails with the error's type and message on its line, the batch goes on.
            failed = MalformedInput(blob.source.path, f"could not be parsed ({type(err).__name__}: "
                                    f"{_short(str(err))})", blob.source.member)
        del blob
        if failed is not None:  # yielded outside the except block, which would keep the exception alive
            yield failed


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[:limit] + "..."


_TEXT_FIELDS = ("body", "title", "url", "outlet", "category", "published", "author", "abstract", "language")


def _checked(doc: Document | InputError) -> Document | InputError:
    """``doc``, or an error when one of its text fields is not encodable Unicode: a lone UTF-16
    surrogate, which JSON escapes (``\\ud800``) and numeric character references let through."""
    if isinstance(doc, InputError):
        return doc
    fields = [(name, getattr(doc, name)) for name in _TEXT_FIELDS]
    fields += [("id", doc.source.external_id), ("source title", doc.source.title), ("source url", doc.source.url)]
    for name, value in fields:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as err:
                return MalformedInput(doc.source.path, f"the {name} holds a lone surrogate "
                                      f"(U+{ord(value[err.start]):04X}), which is not text", doc.source.member)
    return doc
