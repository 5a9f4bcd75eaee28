"""Language identification by script and function words: ar, fa, ur, en, fr (others: 'und').

Arabic-script languages are told apart by letters Arabic does not use (Persian پ چ ژ گ ی ک,
Urdu ٹ ڈ ڑ ں ے ھ) and by frequent function words; Latin-script ones by stopword counts.
"""
from __future__ import annotations

import re

from riwaya.data import load_json
from riwaya.model import Article
from riwaya.pipeline import stage

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_WORD = re.compile(r"\w+", re.U)


def identify(text: str) -> str:
    sample = text[:4000]
    ar = len(_ARABIC.findall(sample))
    la = len(_LATIN.findall(sample))
    if ar + la < 3:
        return "und"
    cues = load_json("language_cues.json")
    words = _WORD.findall(sample.lower())
    if ar >= la:
        ur = sum(sample.count(c) for c in cues["ur_letters"])
        fa = sum(sample.count(c) for c in cues["fa_letters"])
        ur_w = sum(1 for w in words if w in cues["ur_words"])
        fa_w = sum(1 for w in words if w in cues["fa_words"])
        ar_w = sum(1 for w in words if w in cues["ar_words"])
        if ur + 3 * ur_w > max(3, 0.01 * ar) and ur_w >= fa_w and ur_w > ar_w / 3:
            return "ur"
        if fa + 3 * fa_w > max(3, 0.01 * ar) and fa_w > ar_w / 3:
            return "fa"
        return "ar"
    scores = {lang: sum(1 for w in words if w in set(cues[f"{lang}_words"])) for lang in ("en", "fr")}
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else "und"


@stage("language", requires=["text"], assigns=["language"])
def language(article: Article) -> Article:
    if article.language:
        return article.evolve(language=article.language.split("-")[0].lower())
    return article.evolve(language=identify(article.text))
