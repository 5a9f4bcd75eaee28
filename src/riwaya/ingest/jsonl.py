"""JSON Lines, one article per line, with a field mapping (our name -> their field name)."""
from __future__ import annotations

import json
from typing import Iterator

from riwaya.errors import InputError, MalformedInput
from riwaya.ingest.when import to_iso
from riwaya.model import Document, Source

DEFAULT_FIELDS = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "published": ("published", "date", "date_publish", "pubdate", "time"),
    "id": ("id", "docno", "guid"),
    "author": ("author", "authors", "byline"),
    "html": ("html", "raw_html"),
}


def _pick(obj: dict, names) -> object:
    for n in names:
        v = obj.get(n)
        if v not in (None, "", []):
            return v
    return None


def check_fields(fields: dict) -> None:
    """Refuse a mapping that names a field riwaya does not have (``--field body=text`` reversed)."""
    unknown = sorted(set(fields) - set(DEFAULT_FIELDS))
    if unknown:
        raise ValueError(f"unknown field {', '.join(unknown)}: riwaya's fields are {', '.join(DEFAULT_FIELDS)}")


def _text(v) -> str | None:
    """A body given as a string, or as a list of paragraph strings."""
    if isinstance(v, str):
        return v
    if isinstance(v, list) and v and all(isinstance(p, str) for p in v):
        return "\n\n".join(v)
    return None


def read(source: Source, body: str, fields: dict | None = None) -> Iterator[Document | InputError]:
    """One Document (or error) per line; a bad line fails alone, naming its line number, and the
    lines after it are read."""
    mapping = {k: (fields[k],) if fields and k in fields else v for k, v in DEFAULT_FIELDS.items()}
    for n, line in enumerate(body.split("\n"), 1):  # not splitlines(): U+2028 may sit inside a string
        if not line.strip():
            continue
        member = f"{source.member + ':' if source.member else ''}line {n}"
        try:
            yield _line(source, member, line, mapping)
        except InputError as err:
            yield err.bare()
        except Exception as err:  # noqa: BLE001  (a library choking on one line's values)
            yield MalformedInput(source.path, f"the line could not be read ({type(err).__name__})", member)


def _json(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        why = f"invalid JSON ({err.msg} at column {err.colno})"
    except RecursionError:
        why = "invalid JSON: nested too deep to read"
    except ValueError as err:  # e.g. an integer over Python's 4,300-digit limit
        why = f"invalid JSON ({str(err)[:120]})"
    raise ValueError(why)


def _line(source: Source, member: str, line: str, mapping: dict) -> Document | InputError:
    try:
        obj = _json(line)
    except ValueError as err:
        return MalformedInput(source.path, str(err), member)
    if not isinstance(obj, dict):
        return MalformedInput(source.path, "a line is not a JSON object", member)
    ext = _pick(obj, mapping["id"])
    raw_time = _pick(obj, mapping["published"])
    published = to_iso(raw_time)
    url = _str(_pick(obj, mapping["url"]))
    title = _str(_pick(obj, mapping["title"]))
    src = Source(source.path, member, str(ext) if ext is not None else None, title=title, url=url,
                 published=published)
    raw_text = _pick(obj, mapping["text"])
    text = _text(raw_text)
    raw_html = _pick(obj, mapping["html"])
    if text is None or not text.strip():
        if isinstance(raw_html, str):
            from riwaya.ingest import html
            return html.read(src, raw_html, url=url)
        if raw_text is not None and text is None:
            return MalformedInput(source.path, f"the text field holds {type(raw_text).__name__}, not text "
                                  "(a string, or a list of paragraph strings)", member)
        return MalformedInput(source.path, f"no text field (looked for {', '.join(mapping['text'])})", member)
    author = _pick(obj, mapping["author"])
    if isinstance(author, list):
        author = ", ".join(map(str, author))
    return Document(source=src, body=text.replace("\r\n", "\n"), format="jsonl", title=title, url=url,
                    outlet=_str(_pick(obj, mapping["outlet"])), published=published,
                    published_evidence="metadata:jsonl" if published else None, author=_str(author),
                    extra={"published_raw": raw_time} if raw_time is not None and not published else {})


def _str(v) -> str | None:
    return None if v is None else str(v)
