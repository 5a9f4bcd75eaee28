"""Per-article stages and the pipeline that wires them.

A stage is a pure function of one ``Article`` (and of shipped data): it reads the fields and
layers it ``requires`` and returns a new Article with those it ``assigns``. ``Pipeline`` checks at
construction that every requirement is assigned by an earlier stage or by cleaning, so a
mis-wired pipeline fails before it touches a corpus. Pure stages can be cached by content hash
and mapped over batches by any ``Executor`` (``run/executor.py``: a process pool here, Dask later).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from riwaya.errors import PipelineError
from riwaya.model import Article

#: What cleaning (Document -> Article) provides before any stage runs.
BASE_FIELDS = frozenset({"text", "title", "outlet", "paragraphs", "removed", "published:metadata", "sources"})


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    fn: Callable[[Article], Article]
    version: str = "1"

    def __call__(self, article: Article) -> Article:
        return self.fn(article)


_REGISTRY: dict[str, Stage] = {}


def stage(name: str, requires: Iterable[str] = (), assigns: Iterable[str] = (), version: str = "1"):
    """Register a per-article stage: ``@stage("sentences", requires=["text"], assigns=["sentences"])``."""

    def wrap(fn: Callable[[Article], Article]) -> Stage:
        st = Stage(name, tuple(requires), tuple(assigns), fn, version)
        _REGISTRY[name] = st
        return st

    return wrap


def registered() -> dict[str, Stage]:
    _load_builtin()
    return dict(_REGISTRY)


def _load_builtin() -> None:
    # importing the modules registers their stages
    from riwaya.text import language, sentences  # noqa: F401
    from riwaya.dates import stages  # noqa: F401
    from riwaya.extract import ner, quantities, quotes  # noqa: F401
    from riwaya.extract import stages as extract_stages  # noqa: F401


class Pipeline:
    def __init__(self, stages: Sequence[Stage]):
        have = set(BASE_FIELDS)
        for st in stages:
            missing = [r for r in st.requires if r not in have]
            if missing:
                raise PipelineError(f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
            have.update(st.assigns)
        self.stages = tuple(stages)

    @classmethod
    def default(cls) -> "Pipeline":
        reg = registered()
        order = ["language", "sentences", "dates", "published", "places", "entities", "quantities", "quotes"]
        return cls([reg[n] for n in order if n in reg])

    @property
    def signature(self) -> str:
        return ",".join(f"{s.name}@{s.version}" for s in self.stages)

    def __call__(self, article: Article) -> Article:
        for st in self.stages:
            article = st(article)
        return article
