"""The ``Store`` interface every backend implements (SQLite, in-memory; PostgreSQL later)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Protocol

from riwaya.model import Article, Event, Story


@dataclass
class AddResult:
    new: list[str] = field(default_factory=list)  # ids of articles stored for the first time
    merged: int = 0  # inputs that were an article already stored (a new source is recorded)
    seen: int = 0  # inputs whose source was already recorded (a re-ingest)


class Store(Protocol):
    path: str

    def add(self, articles: Iterable[Article]) -> AddResult:
        """Store articles in one transaction; an id already stored gains the new sources only."""

    def get(self, article_id: str) -> Article | None: ...

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in ingest order (or those ids, in that order), with their layers."""

    def recorded(self, sources: Iterable) -> set[tuple[str, str, str]]:
        """Which of these sources are already stored: (path, member or '', external_id or '')."""

    def count(self) -> int: ...

    def put_layers(self, article_id: str, layers: dict[str, tuple]) -> None:
        """Replace the named annotation layers of one article."""

    def update(self, article: Article) -> None:
        """Replace the derived fields (published, language, ...) of a stored article."""

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str | None, str]]:
        """Full-text search over the matching form: ``(id, title, snippet)`` best first."""

    def save_events(self, events: list[Event], history: list[dict] | None = None) -> None:
        """Replace the event/story assignment, appending merge/split records to the history."""

    def events(self) -> list[Event]: ...

    def stories(self) -> list[Story]: ...

    def history(self) -> list[dict]: ...

    def put_embeddings(self, model: str, vectors: dict[str, bytes]) -> None:
        """Keep float32 embedding bytes per article id under a model name (computed once)."""

    def embeddings(self, model: str, ids: Iterable[str]) -> dict[str, bytes]:
        """The stored embedding bytes of those ids under a model (ids without one are absent)."""

    def get_meta(self, key: str, default: str | None = None) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def close(self) -> None: ...


def group_stories(events: list[Event], titles: dict[str, str] | None = None) -> list[Story]:
    """Stories from events that name their story (an event without one is its own story)."""
    by: dict[str, list[Event]] = {}
    for e in events:
        by.setdefault(e.story or e.id, []).append(e)
    out = []
    for sid, evs in by.items():
        evs.sort(key=lambda e: (e.date or "", e.id))
        title = (titles or {}).get(sid) or max(evs, key=lambda e: len(e.articles)).title
        out.append(Story(id=sid, title=title, events=tuple(evs)))
    out.sort(key=lambda s: (-len(s.articles), s.id))
    return out
