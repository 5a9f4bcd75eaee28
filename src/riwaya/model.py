"""The data model: frozen values that flow through riwaya's stages.

Inputs become ``Document`` values (raw text or HTML plus what the format told us). The text layer
turns a Document into an ``Article``: the cleaned body ``text`` and standoff annotation layers whose
items point into it by character offsets (``start``/``end``). Every inferred value carries its
evidence (the rule or model that produced it) and a confidence, so a report can show where it came
from. Corpus stages produce ``Event`` and ``Story`` values that refer to articles by id.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

_EMPTY: Mapping[str, tuple] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Source:
    """Where one copy of an article came from."""

    path: str
    member: str | None = None
    external_id: str | None = None  # e.g. the ANT DOCNO
    # What this copy itself said (a re-post under another DOCNO/URL may differ in title or time).
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601, from this copy's metadata

    def to_json(self) -> dict:
        d = {"path": self.path, "member": self.member, "external_id": self.external_id}
        for k in ("title", "url", "published"):
            v = getattr(self, k)
            if v is not None:
                d[k] = v
        return d


@dataclass(frozen=True, slots=True)
class Document:
    """One input as read, before the text layer. ``body`` is plain text (HTML already extracted)."""

    source: Source
    body: str
    format: str  # text | ant | html | jsonl | feed | warc
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    category: str | None = None
    published: str | None = None  # ISO 8601 from metadata, if the format has it
    published_evidence: str | None = None
    author: str | None = None
    abstract: str | None = None
    language: str | None = None
    extra: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True, slots=True)
class Span:
    """A character range into ``Article.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Removed:
    """A line dropped from the input as not part of the article, and why."""

    text: str
    reason: str

    def to_json(self) -> dict:
        return {"text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date with its evidence. ``value`` None means unknown, never a guess."""

    value: str | None = None  # ISO 8601 date or datetime
    evidence: str = "none"  # metadata | dateline | text:<rule> | event:<id> | none
    confidence: float = 0.0
    until: str | None = None  # a bounded range when the text pins only an interval
    text: str | None = None  # the words it was read from, when from text

    def to_json(self) -> dict:
        return {"value": self.value, "evidence": self.evidence, "confidence": round(self.confidence, 3),
                "until": self.until, "text": self.text}


@dataclass(frozen=True, slots=True)
class Paragraph(Span):
    kind: str = "body"  # body | heading


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class DateMention(Span):
    text: str = ""
    value: str = ""  # ISO start of the resolved period
    grain: str = "day"  # minute | hour | day | week | month | year
    evidence: str = ""
    until: str | None = None  # end of an interval, when the expression is one

    def to_json(self) -> dict:
        d = {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
             "grain": self.grain, "evidence": self.evidence}
        if self.until:
            d["until"] = self.until
        return d


@dataclass(frozen=True, slots=True)
class Mention(Span):
    """A named-entity mention (extraction issue extends this)."""

    text: str = ""
    label: str = ""  # PER | LOC | ORG | MISC
    entity: str | None = None  # canonical entity id, once linked
    evidence: str = ""
    score: float = 0.0

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "entity": self.entity, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class Phrase(Span):
    """Words of the text that a value points at: a quote's speaker, its cue, a medium relaying it.
    ``entity`` is the canonical entity id, once a linking stage has given one."""

    text: str = ""
    entity: str | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "entity": self.entity}


def _phrase(value) -> "Phrase | None":
    return Phrase(**value) if isinstance(value, Mapping) else value


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """Speech in the text: the words said (``text`` == article text[start:end]), who said them
    (``speaker``: a name, a title or an institution, or the one named earlier for a bare "وأضاف"),
    the words that attribute them (``cue``), the media or sources relaying them (``via``), and
    whether they are quoted word for word (``direct``, inside quotation marks) or reported."""

    text: str = ""
    speaker: Phrase | None = None
    cue: Phrase | None = None
    via: tuple[Phrase, ...] = ()
    direct: bool = True
    evidence: str = ""

    def __post_init__(self):
        # rebuilt from JSON (the store's rows): nested dicts become Phrases again
        object.__setattr__(self, "speaker", _phrase(self.speaker))
        object.__setattr__(self, "cue", _phrase(self.cue))
        object.__setattr__(self, "via", tuple(_phrase(v) for v in self.via))

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text,
                "speaker": self.speaker.to_json() if self.speaker else None,
                "cue": {"text": self.cue.text, "start": self.cue.start, "end": self.cue.end} if self.cue else None,
                "via": [v.to_json() for v in self.via], "direct": self.direct, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class Quantity(Span):
    """A number with the bound its qualifier puts on it, its unit and what it counts
    ("أكثر من 2000 عسكري": value 2000, low 2000, qualifier more_than, counts عسكري).

    ``qualifier`` is one of exact | about | at_least | more_than | at_most | less_than | range.
    ``low``/``high`` bound the true figure where the words do (more_than and at_least: low;
    less_than and at_most: high; exact: both = value; about: neither). A range (بين 10 و20) or a
    vague count (عشرات: 20-99) has ``low`` and ``high`` and no ``value``. ``unit`` is a unit id
    from data/quantity_words.json (%, USD, kg, day, ...); ``counts`` the counted noun's singular
    (عسكري for عسكريين) or, for a noun not in the list, the word as written."""

    text: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    counts: str | None = None
    evidence: str = ""

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "value": _num(self.value),
                "low": _num(self.low), "high": _num(self.high), "qualifier": self.qualifier,
                "unit": self.unit, "counts": self.counts, "evidence": self.evidence}


def _num(x: float | None) -> float | int | None:
    """A number as JSON writes it best: whole numbers as integers."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2 ** 53 else x


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``id`` is the hash of its normalised text (one article, many sources)."""

    id: str
    text: str
    sources: tuple[Source, ...]
    format: str = "text"
    title: str | None = None
    title_evidence: str = "none"
    outlet: str | None = None
    outlet_evidence: str = "none"
    url: str | None = None
    author: str | None = None
    category: str | None = None
    abstract: str | None = None
    language: str | None = None
    published: Published = field(default_factory=Published)
    removed: tuple[Removed, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    layers: Mapping[str, tuple] = field(default_factory=lambda: _EMPTY)

    @property
    def external_id(self) -> str | None:
        for s in self.sources:
            if s.external_id:
                return s.external_id
        return None

    def layer(self, name: str) -> tuple:
        return self.layers.get(name, ())

    def with_layer(self, name: str, items: tuple) -> "Article":
        layers = dict(self.layers)
        layers[name] = tuple(items)
        return replace(self, layers=MappingProxyType(layers))

    def evolve(self, **changes: Any) -> "Article":
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Event:
    """Articles that report the same specific happening."""

    id: str
    title: str
    articles: tuple[str, ...]
    date: str | None = None
    story: str | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "date": self.date, "articles": list(self.articles)}


@dataclass(frozen=True, slots=True)
class Story:
    """Events of one developing storyline."""

    id: str
    title: str
    events: tuple[Event, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(a for e in self.events for a in e.articles)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "articles": list(self.articles),
                "events": [e.to_json() for e in self.events]}
