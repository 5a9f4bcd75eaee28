"""A named mention's *form*: what is compared when deciding which mentions name one entity.

From a mention's text this takes off leading titles (الرئيس الروسي, وزير الخارجية, President) and
the conjunction or preposition attached to the name's first word (والكرملين, للكرملين -> الكرملين),
and gives the name as written (``written``, shown to readers), its matching-form key (``key``) and
a *phonetic key* for Arabic renderings of foreign names: letters that spell one foreign sound fall
in one class (ق ك غ ج; ت ط; س ص ث; ز ذ ظ), long vowels and hamza seats inside a word drop out,
doubled letters count once. ترامب and ترمب, توكاييف and توكايف, شويغو and شويجو, ألما آتا and ألماتي
share a phonetic key. A name in Latin script is spelled in Arabic letters first (Putin -> بوتين's
key). The letters, classes, clitics and titles live in ``data/entity_lexicon.json``; known aliases
(الناتو / حلف شمال الأطلسي) in ``data/entity_aliases.tsv``; Latin names with their Arabic renderings
in ``data/entity_latin.tsv``.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_json, load_lines
from riwaya.errors import RiwayaError
from riwaya.text.normalise import match, match_with_offsets, source_span

_WORD = re.compile(r"[^\W_]+")
LABELS = ("PER", "LOC", "ORG", "MISC")


@dataclass(frozen=True, slots=True)
class Lexicon:
    clitics: tuple[str, ...]  # longest first
    article: str
    titles: frozenset[tuple[str, ...]]
    title_len: int
    classes: dict[str, str]
    drop: frozenset[str]
    keep_initial: frozenset[str]
    initial_vowel: frozenset[str]
    digraphs: tuple[tuple[str, str], ...]
    letters: dict[str, str]
    aliases: dict[tuple[str, str], str]  # (label, key) -> the alias line's first key
    latin: dict[tuple[str, str], str]  # (label, latin key) -> the first Arabic key


@dataclass(frozen=True, slots=True)
class Form:
    """One mention's name: ``written`` (display), ``key`` (matching form, clitics and titles off),
    ``words`` (the key's words), ``phon`` (phonetic key of the whole name, no spaces), ``phons``
    (per word), ``bare`` (the phonetic key without the first word's article), ``latin``."""

    written: str
    key: str
    words: tuple[str, ...]
    phon: str
    phons: tuple[str, ...]
    bare: str
    latin: bool


def _words(s: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(match(s)))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = load_json("entity_lexicon.json")
    titles = frozenset(_words(t) for t in d["titles"])
    lex = Lexicon(
        clitics=tuple(sorted(d["clitics"], key=len, reverse=True)), article=d["article"],
        titles=titles, title_len=max(len(t) for t in titles), classes=dict(d["classes"]),
        drop=frozenset(d["drop"]), keep_initial=frozenset(d["keep_initial"]),
        initial_vowel=frozenset(d["initial_vowel"]),
        digraphs=tuple(sorted(d["latin_digraphs"].items(), key=lambda kv: -len(kv[0]))),
        letters=dict(d["latin_letters"]), aliases={}, latin={})
    for n, line in enumerate(load_lines("entity_aliases.tsv"), 1):
        cols = line.split("\t")
        if len(cols) != 2 or cols[0] not in LABELS:
            raise RiwayaError(f"data/entity_aliases.tsv: row {n} is not 'LABEL, names': {line[:60]!r}")
        keys = [bare_key(_words(x), d["article"]) for x in cols[1].split("|") if _words(x)]
        for k in keys:
            lex.aliases.setdefault((cols[0], k), keys[0])
    for n, line in enumerate(load_lines("entity_latin.tsv"), 1):
        cols = line.split("\t")
        if len(cols) != 3 or cols[0] not in LABELS:
            raise RiwayaError(f"data/entity_latin.tsv: row {n} is not 'LABEL, latin, arabic': {line[:60]!r}")
        arabic = [bare_key(_words(x), d["article"]) for x in cols[2].split("|") if _words(x)]
        for x in cols[1].split("|"):
            if _words(x) and arabic:
                lex.latin.setdefault((cols[0], " ".join(_words(x))), arabic[0])
    return lex


def bare_key(words: tuple[str, ...], art: str = "ال") -> str:
    """The key without the first word's article (what the alias and Latin lists are keyed by)."""
    if not words:
        return ""
    first = words[0]
    if first.startswith(art) and len(first) - len(art) >= 2:
        first = first[len(art):]
    return " ".join((first, *words[1:]))


def phon_word(w: str) -> str:
    """The phonetic key of one word in the matching form (Latin words spelled in Arabic first)."""
    lex = lexicon()
    if w.isascii():
        w = latin_to_arabic(w)
    out: list[str] = []
    for i, ch in enumerate(w):
        if i == 0:
            c = "A" if ch in lex.initial_vowel else lex.classes.get(ch, ch)
        elif ch in lex.drop:
            continue
        else:
            c = lex.classes.get(ch, ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def latin_to_arabic(w: str) -> str:
    lex = lexicon()
    head = "ا" if w and w[0] in "aeiou" else ""
    w = w[1:] if head else w
    for src, dst in lex.digraphs:
        w = w.replace(src, dst)
    return head + "".join(lex.letters.get(ch, ch) for ch in w)


def phon(words: tuple[str, ...]) -> str:
    """The whole name's phonetic key: the words run together ("ألما آتا" reads as "ألماتا")."""
    return phon_word("".join(words)) if words else ""


def strip_titles(words: list[str]) -> int:
    """How many leading words are titles (with a following nisba: الرئيس الروسي)."""
    lex = lexicon()
    i = 0
    while i < len(words) - 1:
        took = 0
        for n in range(min(lex.title_len, len(words) - 1 - i), 0, -1):
            head = (_unclitic(words[i]), *words[i + 1:i + n])
            if head in lex.titles or tuple(words[i:i + n]) in lex.titles:
                took = n
                break
        if not took:
            break
        i += took
        # the nisba after a title (الرئيس الروسي, وزير الخارجية الأمريكي) belongs to the title
        while i < len(words) - 1 and words[i].startswith("ال") and (words[i].endswith("ي") or words[i].endswith("يه")):
            i += 1
    return i


def _unclitic(w: str) -> str:
    for c in lexicon().clitics:
        if w.startswith(c) and len(w) - len(c) >= 3:
            return w[len(c):]
    return w


def clitic_variants(word: str) -> list[tuple[str, int]]:
    """``word`` with one attached clitic (or clitic + article) taken off: (rest, letters taken);
    "لل" stands for ل + ال (للكرملين -> الكرملين)."""
    lex = lexicon()
    out = []
    for c in lex.clitics:
        if not word.startswith(c) or len(word) - len(c) < 3:
            continue
        rest = word[len(c):]
        if c.endswith("ل") and rest.startswith("ل") and len(rest) >= 4:
            out.append((lex.article + rest[1:], len(c)))  # للكرملين = ل + الكرملين
        out.append((rest, len(c)))
    return out


def form(text: str, known: Callable[[str], bool] = lambda k: False) -> Form | None:
    """The form of a mention's text. A clitic is taken off the first word when what is left starts
    with the article (والكرملين), or when what is left is a name ``known`` (a key seen before or in
    the lists); otherwise the word is kept as written (وليد is not و + ليد). None when the text
    holds no letters."""
    folded, offsets = match_with_offsets(text)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(folded)]
    if not spans:
        return None
    words = [folded[a:b] for a, b in spans]
    t = strip_titles(words)
    words, spans = words[t:], spans[t:]
    lex = lexicon()
    variants = clitic_variants(words[0])
    take = next((v for v in variants if known(" ".join((v[0], *words[1:])))), None)
    if take is None:
        take = next((v for v in variants if v[0].startswith(lex.article) and len(v[0]) >= 5), None)
    skip = 0
    if take is not None:
        words[0], skip = take
    a, b = source_span(offsets, spans[0][0] + skip, spans[-1][1])
    written = text[a:b]
    if skip and words[0].startswith(lex.article) and not folded[spans[0][0] + skip:].startswith(lex.article):
        written = "ال" + written[1:] if written[:1] == "ل" else written  # للكرملين -> الكرملين
    ws = tuple(words)
    latin = all(w.isascii() for w in ws)
    phons = tuple(phon_word(w) for w in ws)
    return Form(written=written, key=" ".join(ws), words=ws, phon=phon(ws), phons=phons,
                bare=phon(tuple(bare_key(ws).split(" "))), latin=latin)


def from_key(written: str, key: str) -> Form:
    """The form of a name already reduced to its key (as kept in the entities' model state)."""
    ws = tuple(key.split(" "))
    return Form(written=written, key=key, words=ws, phon=phon(ws), phons=tuple(phon_word(w) for w in ws),
                bare=phon(tuple(bare_key(ws).split(" "))), latin=all(w.isascii() for w in ws))


@lru_cache(maxsize=1)
def exact_names() -> frozenset[str]:
    """Given names that must match word for word (data/entity_names_exact.txt)."""
    return frozenset(match(w) for w in load_lines("entity_names_exact.txt"))


def words_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """False when two names of one length differ in a word that must match exactly (محمد / محمود)."""
    names = exact_names()
    return all(x == y or (bare_key((x,)) not in names and bare_key((y,)) not in names) for x, y in zip(a, b))


@lru_cache(maxsize=1)
def listed_keys() -> frozenset[str]:
    """Every Arabic key of the alias and Latin lists (names known before any article is read)."""
    lex = lexicon()
    return frozenset(k for _, k in lex.aliases) | frozenset(lex.latin.values())


def alias_of(label: str, f: Form) -> str | None:
    """The alias line's first key for ``f`` (الناتو -> حلف شمال الاطلسي), or None."""
    return lexicon().aliases.get((label, bare_key(f.words)))


def arabic_of_latin(label: str, f: Form) -> str | None:
    """The usual Arabic key of a Latin name (Putin -> بوتين), or None."""
    return lexicon().latin.get((label, f.key)) if f.latin else None
