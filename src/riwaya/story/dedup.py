"""Near-duplicates and syndication: wire copies and lightly edited re-publications.

Exact re-posts are already one article (the id is a hash of the text). Edited copies are found with
MinHash LSH (datasketch) over word 4-shingles of the matching form of title and text: the LSH index
proposes candidates whose estimated Jaccard similarity is near ``THRESHOLD``, and a candidate is a
copy when the estimate over all ``NUM_PERM`` hashes reaches it. ``Copies`` assigns each copy the
earliest article of its group as ``original``, so outlets can be compared counting the text once,
and the engine puts a copy straight into its original's event.

Signatures are computed once and kept in the store beside the embeddings (model ``SIGNATURE``), so a
warm run rebuilds the index from bytes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from riwaya.model import Article
from riwaya.text.normalise import match

THRESHOLD = 0.7
NUM_PERM = 64
SHINGLE = 4
SIGNATURE = f"minhash{NUM_PERM}-w{SHINGLE}"  # the store key of the cached signatures
LAYER = "copy"  # article layer: ({"original", "jaccard", "evidence"},)
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    w = _WORD.findall(match(text))
    if len(w) < n:
        return {" ".join(w).encode("utf-8")} if w else set()
    return {" ".join(w[i:i + n]).encode("utf-8") for i in range(len(w) - n + 1)}


@lru_cache(maxsize=1)
def _scheme() -> str:
    """The hashing scheme of this datasketch's MinHash (signatures of another scheme do not compare)."""
    from datasketch import MinHash

    return getattr(MinHash(num_perm=1), "scheme", "legacy")


def signature(a: Article, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """The MinHash signature (``num_perm`` uint64) of an article's title and text; None when empty."""
    from datasketch import MinHash

    sh = shingles((a.title or "") + "\n" + a.text)
    if not sh:
        return None
    m = MinHash(num_perm=num_perm, seed=1)
    m.update_batch(list(sh))
    return m.hashvalues.astype(np.uint64)


@dataclass(frozen=True)
class Copy:
    article: str
    original: str
    jaccard: float  # estimated from the signatures

    def layer(self) -> tuple:
        return ({"original": self.original, "jaccard": round(self.jaccard, 3),
                 "evidence": f"MinHash ({NUM_PERM} hashes, word {SHINGLE}-shingles) Jaccard "
                             f"{self.jaccard:.2f} >= {THRESHOLD} with the earlier article {self.original}"},)


class Copies:
    """An LSH index that grows with the stream: ``add`` returns the original an article copies."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.original: dict[str, str] = {}
        self._sig: dict[str, np.ndarray] = {}

    def add_signature(self, aid: str, sig: np.ndarray | None) -> Copy | None:
        """Index one article by its signature; the ``Copy`` when it copies an earlier one."""
        if sig is None or aid in self.original:
            return None
        from datasketch import LeanMinHash

        m = LeanMinHash(seed=1, hashvalues=sig, scheme=_scheme())
        best, best_j = None, 0.0
        for k in sorted(self.lsh.query(m)):
            j = float(np.mean(self._sig[k] == sig))
            if j >= self.threshold and j > best_j:
                best, best_j = k, j
        self.lsh.insert(aid, m)
        self._sig[aid] = sig
        if best is None:
            self.original[aid] = aid
            return None
        self.original[aid] = self.original[best]
        return Copy(aid, self.original[best], best_j)

    def add(self, a: Article) -> str | None:
        if a.id in self.original:
            o = self.original[a.id]
            return o if o != a.id else None
        c = self.add_signature(a.id, signature(a, self.num_perm))
        return c.original if c else None


def copy_of(a: Article) -> dict | None:
    """The ``copy_of`` record of articles.jsonl: ``{id, jaccard, evidence}`` of the original, or None."""
    layer = a.layer(LAYER)
    if not layer:
        return None
    c = layer[0]
    return {"id": c["original"], "jaccard": c["jaccard"], "evidence": c["evidence"]}


def independent(articles: list[Article]) -> dict[str, int]:
    """Reports per outlet counting each text once: a copy whose original is among ``articles`` is
    not counted (the text counts for the outlet that published it first), so comparing outlets does
    not reward re-publishing the wire."""
    present = {a.id for a in articles}
    out: dict[str, int] = {}
    for a in articles:
        c = copy_of(a)
        if (c and c["id"] in present) or not a.outlet:
            continue
        out[a.outlet] = out.get(a.outlet, 0) + 1
    return out


def cached_signatures(store, articles: list[Article]) -> dict[str, np.ndarray | None]:
    """Signatures by id: from the store's vector cache where kept (keyed by a hash of the title
    and text they were computed from), else computed and kept."""
    from riwaya.ids import input_key

    kind = f"{SIGNATURE}-{_scheme()}"
    keys = {a.id: input_key((a.title or "") + "\n" + a.text) for a in articles}
    have = store.vectors(kind, set(keys.values()))
    out: dict[str, np.ndarray | None] = {}
    new = {}
    for a in articles:
        k = keys[a.id]
        if k in have:
            out[a.id] = have[k]
            continue
        s = signature(a)
        out[a.id] = s
        if s is not None:
            new[k] = s.astype("<u8")
    if new:
        store.put_vectors(kind, new)
    return out


def copies(articles: list[Article]) -> dict[str, str]:
    """``{copy id: original id}`` over articles in the order given (the first of a group is the original)."""
    idx = Copies()
    out = {}
    for a in articles:
        o = idx.add(a)
        if o:
            out[a.id] = o
    return out
