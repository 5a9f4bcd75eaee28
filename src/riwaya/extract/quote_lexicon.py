"""The attribution cues the quotes stage reads (``data/quotes.json``), on the matching form.

Every word list of the data file becomes a frozenset of matching-form words (``text.normalise.match``),
so hamza, alef and ta-marbuta spellings meet. ``is_`` lookups try the word as written and then with
one leading conjunction (و or ف) taken off: ``وأضاف`` is ``أضاف``, ``فإن`` is ``إن``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_json
from riwaya.errors import RiwayaError
from riwaya.text.normalise import match

_CONJ = ("و", "ف")
_LISTS = ("participles", "relay_verbs", "nominal", "nominal_links", "say_nouns", "bridges", "speaker_stops",
          "documents", "via_links",
          "media", "titles", "title_nouns", "speaker_heads", "connectors", "formulas",
          "times", "relay_from_verbs")


@lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """A word's matching form (cached: news repeats its words)."""
    return match(word)


@dataclass(frozen=True)
class QuoteLexicon:
    verbs: dict[str, str]  # matching form -> lemma
    participles: frozenset[str]
    relay_verbs: frozenset[str]
    nominal: frozenset[str]
    nominal_links: frozenset[str]
    complementizers: frozenset[str]  # every complementizer with every pronoun suffix
    say_nouns: frozenset[str]
    bridges: frozenset[str]
    speaker_stops: frozenset[str]
    documents: frozenset[str]  # statements, interviews, posts: a medium only when named further
    via_links: frozenset[str]  # words before a medium (لوكالة, في مقابلة مع صحيفة)
    media: frozenset[str]
    titles: frozenset[str]
    title_nouns: frozenset[str]
    speaker_heads: frozenset[str]
    connectors: frozenset[str]
    formulas: frozenset[str]
    times: frozenset[str]
    relay_from_verbs: frozenset[str]
    long_quote_words: int

    def lookup(self, word: str, words) -> str | None:
        """``word`` (matching form) or ``word`` less one leading و/ف, whichever ``words`` holds."""
        if word in words:
            return word
        if len(word) > 2 and word[0] in _CONJ and word[1:] in words:
            return word[1:]
        return None

    def medium(self, word: str) -> bool:
        """A medium's noun or name, with or without a pronoun (موقعها، حسابه) or an attached ل."""
        for w in (word, word[1:] if len(word) > 3 and word[0] == "ل" else ""):
            if not w:
                continue
            if self.lookup(w, self.media):
                return True
            for suffix in ("ه", "ها", "هم"):
                if w.endswith(suffix) and len(w) > len(suffix) + 2 and self.lookup(w[:-len(suffix)], self.media):
                    return True
        return False

    def verb(self, word: str) -> str | None:
        w = self.lookup(word, self.verbs)
        return self.verbs[w] if w is not None else None

    def feminine(self, word: str) -> bool | None:
        """Whether a speech verb or participle is feminine (قالت، تقول، مؤكدة), None if not one."""
        w = self.lookup(word, self.verbs) or self.lookup(word, self.participles)
        if w is None:
            return None
        if w in self.participles:
            return w.endswith(("ه", "ات"))
        lemma = norm(self.verbs[w])
        if w == lemma:
            return False
        return w.endswith("ت") or (w[0] == "ت" and lemma[0] != "ت" and not w.endswith(("ون", "ان")))

    def is_complementizer(self, word: str) -> bool:
        return self.lookup(word, self.complementizers) is not None


def _words(values, key: str) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise RiwayaError(f"data/quotes.json: {key!r} must be a list of non-empty strings")
    return frozenset(norm(v.strip()) for v in values)


@lru_cache(maxsize=1)
def lexicon() -> QuoteLexicon:
    data = load_json("quotes.json")
    verbs: dict[str, str] = {}
    for lemma, forms in data["verbs"].items():
        for f in _words(forms, f"verbs/{lemma}"):
            verbs.setdefault(f, lemma)
    suffixes = [norm(s) for s in data["pronoun_suffixes"]]
    comps = frozenset(c + s for c in _words(data["complementizers"], "complementizers") for s in suffixes)
    lists = {k: _words(data[k], k) for k in _LISTS}
    n = data.get("long_quote_words")
    if not isinstance(n, int) or n < 1:
        raise RiwayaError("data/quotes.json: 'long_quote_words' must be a positive integer")
    return QuoteLexicon(verbs=verbs, complementizers=comps, long_quote_words=n, **lists)
