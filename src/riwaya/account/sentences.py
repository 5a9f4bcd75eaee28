"""Where a figure's words are: the sentence that holds a position (the sentences layer, else the
paragraph line) and the marks that end a clause or a sentence."""
from __future__ import annotations

import bisect
import re

from riwaya.model import Article

CLAUSE_END = re.compile(r"[،,؛;:.!?؟\n]")
SENTENCE_END = ".!?؟\n"

def sentence_of(article: Article, pos: int) -> tuple[int, int]:
    """The sentence (start, end) holding character ``pos``; the paragraph line without sentences."""
    sents = article.layer("sentences")
    if sents:
        i = bisect.bisect_right([s.start for s in sents], pos) - 1
        if i >= 0 and sents[i].start <= pos < max(sents[i].end, sents[i].start + 1):
            return sents[i].start, sents[i].end
    text = article.text
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)
