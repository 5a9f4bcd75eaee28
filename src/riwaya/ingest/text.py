"""Plain text as scraped: the body is the text; the text layer finds title, furniture and dates."""
from __future__ import annotations

from riwaya.errors import EmptyInput
from riwaya.model import Document, Source


def read(source: Source, body: str) -> Document:
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise EmptyInput(source.path, "no text", source.member)
    return Document(source=source, body=body, format="text")
