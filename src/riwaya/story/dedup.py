"""Near-duplicates and syndication: wire copies and lightly edited re-publications.

Exact re-posts are already one article (the id is a hash of the text). Edited copies are found with
MinHash LSH (datasketch) over word 4-shingles of the matching form: two articles whose estimated
Jaccard similarity reaches ``THRESHOLD`` are copies. ``Copies`` assigns each copy the earliest
article of its group as ``original``, so outlets can be compared counting the text once.
"""
from __future__ import annotations

import re

from riwaya.model import Article
from riwaya.text.normalise import match

THRESHOLD = 0.7
NUM_PERM = 64
SHINGLE = 4
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    w = _WORD.findall(match(text))
    if len(w) < n:
        return {" ".join(w).encode("utf-8")} if w else set()
    return {" ".join(w[i:i + n]).encode("utf-8") for i in range(len(w) - n + 1)}


class Copies:
    """An LSH index that grows with the stream: ``add`` returns the original an article copies."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        from datasketch import MinHash, MinHashLSH

        self._MinHash = MinHash
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.original: dict[str, str] = {}

    def add(self, a: Article) -> str | None:
        sh = shingles((a.title or "") + "\n" + a.text)
        if not sh or a.id in self.original:
            return self.original.get(a.id)
        m = self._MinHash(num_perm=self.num_perm)
        m.update_batch(list(sh))
        hits = sorted(self.lsh.query(m), key=lambda k: k)
        orig = self.original[hits[0]] if hits else a.id
        self.original[a.id] = orig
        self.lsh.insert(a.id, m)
        return orig if orig != a.id else None


def copies(articles: list[Article]) -> dict[str, str]:
    """``{copy id: original id}`` over articles in the order given (the first of a group is the original)."""
    idx = Copies()
    out = {}
    for a in articles:
        o = idx.add(a)
        if o:
            out[a.id] = o
    return out
