"""The query syntax, parsed into clauses of units (no store needed).

SYNTAX is what the API and the web app show a reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from riwaya.errors import QueryError
from riwaya.search.forms import WORD
from riwaya.text.normalise import match

SYNTAX = """\
words            every word must occur: أرمينيا روسيا
"a phrase"       the words in this order: "وزارة الدفاع"
a OR b           either side (OR in capitals, or |): كازاخستان OR قرغيزستان
-word, NOT word  leave out what has it: غزة -مباراة
word*            words that begin so: كازاخ*
Each word also finds its forms with و ف ب ل ك and ال joined to it (أرمينيا finds لأرمينيا),
its spelling variants when it is long (قازاقستان finds كازاخستان), and a place's other names in
the gazetteer (الحديدة finds Hodeidah). Hamza, alef, ya, ta marbuta and diacritics are folded.
"""

MAX_UNITS = 32
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Unit:
    """A word (one item in ``words``), a phrase (several) or a prefix, in the matching form."""

    typed: str
    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Clause:
    include: tuple[Unit, ...]
    exclude: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Parsed:
    text: str
    clauses: tuple[Clause, ...]

    def units(self) -> list[Unit]:
        return [u for c in self.clauses for u in (*c.include, *c.exclude)]


def _unit(typed: str, phrase: bool) -> Unit | None:
    prefix = not phrase and typed.endswith("*")
    words = tuple(WORD.findall(match(typed.rstrip("*") if prefix else typed)))
    if not words:
        return None
    return Unit(typed, words, prefix and len(words) == 1)


def parse(text: str) -> Parsed:
    """Clauses joined by OR, each a list of units to include and to exclude. Raises ``QueryError``
    when nothing is left to look for."""
    clauses: list[Clause] = []
    inc: list[Unit] = []
    exc: list[Unit] = []
    negate = False
    n = 0

    def close() -> None:
        if inc:
            clauses.append(Clause(tuple(inc), tuple(exc)))
        elif exc:
            raise QueryError("a query needs a word to look for, not only words to leave out")
        inc.clear()
        exc.clear()

    for m in _TOKEN.finditer(text):
        phrase, word = m.group(1), m.group(2)
        if phrase is None and word in ("OR", "|"):
            close()
            negate = False
            continue
        if phrase is None and word == "NOT":
            negate = True
            continue
        if phrase is None and word.startswith("-") and len(word) > 1:
            negate, word = True, word[1:]
        u = _unit(phrase if phrase is not None else word, phrase is not None)
        if u is not None:
            n += 1
            if n > MAX_UNITS:
                raise QueryError(f"a query may have at most {MAX_UNITS} words and phrases")
            (exc if negate else inc).append(u)
        negate = False
    close()
    if not clauses:
        raise QueryError("the query has no word to look for")
    return Parsed(text, tuple(clauses))
