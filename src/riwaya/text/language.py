"""Language identification by script and function words: ar, fa, ur, en, fr (others: 'und').

Arabic-script languages are told apart by letters Arabic does not use (Persian پ چ ژ گ ی ک,
Urdu ٹ ڈ ڑ ں ے ھ) and by frequent function words; Latin-script ones by stopword counts. The cues
live in ``data/language_cues.json``. No model download: this runs offline and takes a few
microseconds per paragraph.

The ``language`` stage sets ``Article.language`` (metadata wins when present) and, when some
paragraphs are in another language than the article (a French quote in an Arabic report), adds a
``languages`` layer: one ``{"start", "end", "paragraph", "language"}`` per such paragraph.
"""
from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from riwaya.data import load_json
from riwaya.model import Article
from riwaya.pipeline import stage

_ARABIC_RUN = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]+")
_LATIN_RUN = re.compile(r"[A-Za-zÀ-ÿŒœ]+")
_LATIN_LONG = re.compile(r"[A-Za-zÀ-ÿŒœ]{2,}(?:\W+[A-Za-zÀ-ÿŒœ]{2,}){3}")  # four Latin words in a row
_WORD = re.compile(r"[^\W\d_]+", re.U)
SAMPLE = 1500
MIN_PARAGRAPH_LETTERS = 40  # a shorter paragraph is not identified on its own


@lru_cache(maxsize=1)
def _cues() -> dict:
    c = load_json("language_cues.json")
    return {"fa_letters": re.compile("[" + c["fa_letters"] + "]"), "ur_letters": re.compile("[" + c["ur_letters"] + "]"),
            **{f"{k}_words": frozenset(c[f"{k}_words"]) for k in ("ar", "fa", "ur", "en", "fr")}}


def _letters(pattern: re.Pattern, text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def identify(text: str) -> str:
    """'ar' | 'fa' | 'ur' | 'en' | 'fr' | 'und' for a text (its first ``SAMPLE`` characters)."""
    sample = text[:SAMPLE]
    ar = _letters(_ARABIC_RUN, sample)
    la = _letters(_LATIN_RUN, sample)
    if ar + la < 3:
        return "und"
    cues = _cues()
    if ar >= la:
        ur = len(cues["ur_letters"].findall(sample))
        fa = len(cues["fa_letters"].findall(sample))
        if not ur and not fa:
            return "ar"  # Persian and Urdu both need letters Arabic does not use
        words = _WORD.findall(sample)
        ur_w = sum(1 for w in words if w in cues["ur_words"])
        fa_w = sum(1 for w in words if w in cues["fa_words"])
        ar_w = sum(1 for w in words if w in cues["ar_words"])
        if ur + 3 * ur_w > max(3, 0.01 * ar) and ur_w >= fa_w and ur_w > ar_w / 3 and ur_w > 0:
            return "ur"
        if fa + 3 * fa_w > max(3, 0.01 * ar) and fa_w > ar_w / 3 and fa_w > 0:
            return "fa"
        return "ar"
    words = _WORD.findall(sample.lower())
    en = sum(1 for w in words if w in cues["en_words"])
    fr = sum(1 for w in words if w in cues["fr_words"])
    if en == fr == 0:
        return "und"
    return "en" if en >= fr else "fr"


def _may_differ(chunk: str, main: str) -> bool:
    """Cheap test: can this paragraph be in another language than ``main``?"""
    if main in ("ar", "fa", "ur"):
        cues = _cues()
        return bool(_LATIN_LONG.search(chunk) or (main == "ar" and (cues["fa_letters"].search(chunk)
                                                                     or cues["ur_letters"].search(chunk)))
                    or main != "ar")
    return True


def paragraph_languages(article: Article, main: str) -> tuple:
    out = []
    for i, p in enumerate(article.paragraphs):
        chunk = article.text[p.start:p.end]
        if not _may_differ(chunk, main):
            continue
        if _letters(_ARABIC_RUN, chunk) + _letters(_LATIN_RUN, chunk) < MIN_PARAGRAPH_LETTERS:
            continue
        lang = identify(chunk)
        if lang not in (main, "und"):
            out.append(MappingProxyType({"start": p.start, "end": p.end, "paragraph": i, "language": lang}))
    return tuple(out)


@stage("language", requires=["text", "paragraphs"], assigns=["language", "languages"])
def language(article: Article) -> Article:
    main = (article.language.split("-")[0].lower() if article.language
            else identify(article.text or article.title or ""))
    mixed = paragraph_languages(article, main) if len(article.paragraphs) > 1 else ()
    art = article.evolve(language=main)
    return art.with_layer("languages", mixed) if mixed else art
