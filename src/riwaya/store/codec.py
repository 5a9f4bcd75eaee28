"""Articles, events and stories to JSON-able dicts and back (the store's row format)."""
from __future__ import annotations

import dataclasses
from types import MappingProxyType

from riwaya.model import (Article, DateMention, Document, Event, Mention, Paragraph, Published, Quantity, Quote,
                          Removed, Sentence, Source, Span)

LAYER_TYPES: dict[str, type] = {
    "sentences": Sentence, "dates": DateMention, "mentions": Mention, "places": Mention, "entities": Mention,
    "quotes": Quote,
    "quantities": Quantity, "headings": Span,
}


_PLAIN = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def item_to_json(item) -> dict:
    """One layer item as a dict: a dataclass of plain values field by field (``asdict`` deep-copies,
    and was most of the cost of storing an analysis), anything nested through ``asdict``."""
    cls = type(item)
    names = _FIELDS.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(cls):
            return dict(item)
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    d = {n: getattr(item, n) for n in names}
    if all(isinstance(v, _PLAIN) for v in d.values()):
        return d
    return dataclasses.asdict(item)


def layer_to_json(name: str, items: tuple) -> list:
    return [item_to_json(i) for i in items]


def layer_from_json(name: str, data: list) -> tuple:
    cls = LAYER_TYPES.get(name)
    if cls is None:
        return tuple(MappingProxyType(d) if isinstance(d, dict) else d for d in data)
    return tuple(cls(**d) for d in data)


def article_to_json(a: Article, with_layers: bool = False) -> dict:
    d = {
        "id": a.id, "text": a.text, "format": a.format, "title": a.title,
        "title_evidence": a.title_evidence, "outlet": a.outlet, "outlet_evidence": a.outlet_evidence,
        "url": a.url, "author": a.author, "category": a.category, "abstract": a.abstract,
        "language": a.language, "published": dataclasses.asdict(a.published),
        "removed": [dataclasses.asdict(r) for r in a.removed],
        "paragraphs": [[p.start, p.end, p.kind] for p in a.paragraphs],
        "sources": [s.to_json() for s in a.sources],
    }
    if with_layers:
        d["layers"] = {k: layer_to_json(k, v) for k, v in a.layers.items()}
    return d


def article_from_json(d: dict, layers: dict | None = None) -> Article:
    layers = layers if layers is not None else d.get("layers", {})
    return Article(
        id=d["id"], text=d["text"], format=d.get("format", "text"), title=d.get("title"),
        title_evidence=d.get("title_evidence", "none"), outlet=d.get("outlet"),
        outlet_evidence=d.get("outlet_evidence", "none"), url=d.get("url"), author=d.get("author"),
        category=d.get("category"), abstract=d.get("abstract"), language=d.get("language"),
        published=Published(**d.get("published", {})),
        removed=tuple(Removed(**r) for r in d.get("removed", [])),
        paragraphs=tuple(Paragraph(s, e, k) for s, e, k in d.get("paragraphs", [])),
        sources=tuple(Source(**s) for s in d.get("sources", [])),
        layers=MappingProxyType({k: layer_from_json(k, v) for k, v in layers.items()}),
    )


def event_to_json(e: Event) -> dict:
    return {"id": e.id, "title": e.title, "date": e.date, "story": e.story, "articles": list(e.articles)}


def event_from_json(d: dict) -> Event:
    return Event(id=d["id"], title=d["title"], date=d.get("date"), story=d.get("story"),
                 articles=tuple(d["articles"]))


_DOC_FIELDS = ("body", "format", "title", "url", "outlet", "category", "published", "published_evidence",
               "author", "abstract", "language")


def _plain(value):
    """Document.extra values as JSON: ``Removed`` lines (the HTML extractor's furniture) as tagged
    dicts, tuples as lists; anything else must already be JSON."""
    if isinstance(value, Removed):
        return {"__removed__": [value.text, value.reason]}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict) or isinstance(value, MappingProxyType):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _unplain(value):
    if isinstance(value, dict):
        if set(value) == {"__removed__"}:
            return Removed(*value["__removed__"])
        return {k: _unplain(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_unplain(v) for v in value)
    return value


def document_to_json(doc: Document) -> dict:
    """What was read, as kept in the store (the base every per-article stage starts from)."""
    d = {k: getattr(doc, k) for k in _DOC_FIELDS}
    d["source"] = doc.source.to_json()
    if doc.extra:
        d["extra"] = _plain(dict(doc.extra))
    return d


def document_from_json(d: dict) -> Document:
    extra = _unplain(d.get("extra") or {})
    return Document(source=Source(**d["source"]), extra=MappingProxyType(extra),
                    **{k: d.get(k) for k in _DOC_FIELDS if k != "body" and k != "format"},
                    body=d["body"], format=d["format"])


@dataclasses.dataclass(frozen=True)
class AnalysisRow:
    """An analysis ready to store, made where it was derived (a worker process): its JSON, its
    per-article layers' JSON and the matching forms search indexes, so the process that writes the
    store only writes."""

    id: str
    signature: str
    published: str | None
    data: str  # article_to_json without sources (they are the inputs' own)
    layers: tuple[tuple[str, str], ...]
    title_key: str
    text_key: str


def analysis_row(a: Article, signature: str) -> AnalysisRow:
    import json

    from riwaya.text.normalise import match

    d = article_to_json(a)
    d.pop("sources", None)
    dumps = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    return AnalysisRow(a.id, signature, a.published.value, dumps(d),
                       tuple((k, dumps(layer_to_json(k, v))) for k, v in a.layers.items()),
                       match(a.title or ""), match(a.text))
