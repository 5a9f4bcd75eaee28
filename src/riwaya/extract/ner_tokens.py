"""Word tokens with character offsets, for the named-entity tagger.

A token is a run of letters and digits (Arabic diacritics and tatweel stay inside the word), or one
other non-space character (punctuation, a symbol). Clitics stay attached, as ANERcorp writes them
(``والكرملين`` is one token); the tagger's features look inside the word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640])+"  # a word
                    r"|[^\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")  # or one other visible character


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]``, with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop)]
