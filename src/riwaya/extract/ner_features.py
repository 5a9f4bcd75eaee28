"""Features of each token of a sentence for the named-entity CRF (``extract.ner``).

For every token: its matching form, its core (clitics off, ``ner_lexicon``), the prefix it lost,
its light stem, affixes of the core, its shape, its word clusters (of the word and of the core),
whether it is a given name, a title, an organisation head or a place cue, and where it stands in a
place name of the gazetteer (``extract.places``), the character model's guess of its core
(``ner_chars``) and the window classifier's guess of it and of its neighbours (``ner_window``). The
same cues of the two words on either side are added with their offset. ``PLAIN`` keeps only the word, its affixes, its shape and the window
(the baseline CRF of ``riwaya eval ner``).
"""
from __future__ import annotations

from functools import lru_cache

from riwaya.extract.ner_lexicon import Lexicon
from riwaya.text.normalise import match
from riwaya.text.tokens import stem, stopwords

WINDOW = (-2, -1, 1, 2)


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "num"
    if not tok[0].isalnum():
        return "punct"
    if tok.isascii():
        return "Lat" if tok[0].isupper() else "lat"
    if any(c.isdigit() for c in tok):
        return "mix"
    return "ar"


def _safe(tok: str) -> str:
    """The token as CRFsuite can take it: UTF-8 encodable (a lone surrogate becomes "?"), no NUL."""
    try:
        tok.encode("utf-8")
    except UnicodeEncodeError:
        tok = tok.encode("utf-8", "replace").decode("utf-8")
    return tok.replace("\x00", "?")


class Featurizer:
    """Token features for one lexicon (``plain``: the baseline's features only)."""

    def __init__(self, lexicon: Lexicon | None, plain: bool = False, chars=None, window=None):
        self.lex = lexicon
        self.plain = plain
        self.chars = chars  # ner_chars.CharModel or None
        self.window = window  # ner_window.Window (or its jackknifed guesses while training) or None
        self.guess = lru_cache(maxsize=1 << 18)(self._guess)
        self.own = lru_cache(maxsize=1 << 18)(self._own)
        self.ctx = lru_cache(maxsize=1 << 19)(self._ctx)
        self.core = lru_cache(maxsize=1 << 18)(lambda tok: self._words(tok)[2])

    def _words(self, tok: str) -> tuple[str, str, str]:
        w = match(_safe(tok))
        if self.plain or not w:
            return w, "", w
        pre, core = self.lex.core(w)
        return w, pre, core

    def _own(self, tok: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the token's own features, the features it lends its neighbours)."""
        tok = _safe(tok)
        w, pre, core = self._words(tok)
        shape = _shape(tok) if tok else "punct"
        f = ["w=" + w, "shape=" + shape, "s1=" + core[-1:], "s2=" + core[-2:], "s3=" + core[-3:],
             "p1=" + core[:1], "p2=" + core[:2], "p3=" + core[:3]]
        near = ["w=" + w, "shape=" + shape]
        if self.plain:
            return tuple(f), tuple(near)
        lex = self.lex
        bare = core[2:] if core.startswith("ال") and len(core) > 3 else core
        f += ["core=" + core, "pre=" + pre, "stem=" + stem(w), "al=" + str(core != bare),
              "len=" + str(min(len(bare), 8))]
        near += ["core=" + core]
        if w in stopwords():
            f.append("stop")
            near.append("stop")
        for tag, cl in (("c", lex.clusters.get(w)), ("k", lex.clusters.get(core) if core != w else None)):
            if cl:
                f += [f"{tag}{i}={c}" for i, c in enumerate(cl)]
                near += [f"{tag}{i}={c}" for i, c in enumerate(cl) if i > 0]
        mem = lex.memory.get(core)
        if mem:
            f += ["mem=" + mem, "meml=" + mem[:-2]]
            near.append("mem=" + mem)
        if core not in lex.clusters and w not in lex.clusters:
            f.append("oov")
            near.append("oov")
        if self.chars is not None:
            label, p = self.guess(core)
            if label != "O" or p < 0.6:
                f += [f"ch={label}:{min(int(p * 5), 4)}", "chl=" + label]
                near.append("chl=" + label)
        for name, hit in (("name", core in lex.names), ("title", bare in lex.titles),
                          ("org", bare in lex.orgs), ("loc", bare in lex.locs)):
            if hit:
                f.append(name)
                near.append(name)
        return tuple(f), tuple(near)

    def _guess(self, core: str) -> tuple[str, float]:
        return self.chars.guess(core)

    def cores(self, toks: list[str]) -> list[str]:
        """Each token's word core (the matching form with its clitics off)."""
        return [self.core(t) for t in toks]

    def _ctx(self, tok: str, offset: int) -> tuple[str, ...]:
        p = f"{offset}:"
        return tuple(p + x for x in self.own(tok)[1])

    def sentence(self, toks: list[str], places: list[str] | None = None) -> list[list[str]]:
        """Feature lists of a sentence's tokens; ``places[i]``: the gazetteer tag of token i ('' if none)."""
        n = len(toks)
        out = []
        for i, tok in enumerate(toks):
            f = list(self.own(tok)[0])
            for d in WINDOW:
                j = i + d
                if 0 <= j < n:
                    f.extend(self.ctx(toks[j], d))
                else:
                    f.append(f"{d}:pad")
            if not self.plain:
                w0 = self.own(tok)[1][0]
                if i > 0:
                    f.append("bi-1=" + self.own(toks[i - 1])[1][0] + "|" + w0)
                if i + 1 < n:
                    f.append("bi+1=" + w0 + "|" + self.own(toks[i + 1])[1][0])
                if places:
                    for d in (-1, 0, 1):
                        j = i + d
                        if 0 <= j < n and places[j]:
                            f.append(f"gz{d}={places[j]}")
            out.append(f)
        if self.window is not None and n:
            self._window(toks, out)
        return out

    def _window(self, toks: list[str], out: list[list[str]]) -> None:
        """The window classifier's guess of each token (label and probability in fifths) and of its neighbours."""
        from riwaya.extract.ner_chars import LABELS

        probs = self.window.probs(self.cores(toks))
        best = probs.argmax(axis=1)
        labels = [LABELS[k] for k in best]
        for i, (label, k) in enumerate(zip(labels, best)):
            out[i] += [f"m={label}:{min(int(probs[i, k] * 5), 4)}", "ml=" + label]
            if i > 0:
                out[i].append("-1:ml=" + labels[i - 1])
            if i + 1 < len(labels):
                out[i].append("1:ml=" + labels[i + 1])
