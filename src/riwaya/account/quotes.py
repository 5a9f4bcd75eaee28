"""Quotes compared across outlets: who is quoted, by which outlets, in whose words.

One statement relayed by several outlets is one item: the same speaker (the canonical entity when
the speaker is linked, else the speaker's words in matching form without titles and clitics) and
words that overlap (``SAME_WORDS`` of the shorter version's word set, on the matching form), with
each outlet's wording, span and relaying media. An item only one outlet carries is marked.
"""
from __future__ import annotations

from riwaya.text.normalise import match
from riwaya.text.tokens import tokens

SAME_WORDS = 0.5


def _words(text: str) -> set[str]:
    return {t for t in tokens(text) if len(t) > 1}


def _speaker_key(q) -> str | None:
    sp = getattr(q, "speaker", None)
    if sp is None:
        return None
    if getattr(sp, "entity", None):
        return f"entity:{sp.entity}"
    words = match(sp.text).split()
    return " ".join(words[-2:]) if words else None


def compare(reads) -> list[dict]:
    """``reads``: the story's articles (objects with ``.article``). Items in order of first report."""
    items: list[dict] = []
    for r in reads:
        a = r.article
        for q in a.layer("quotes"):
            if not hasattr(q, "start"):
                continue
            key, words = _speaker_key(q), _words(q.text)
            version = {"article": a.id, "outlet": a.outlet, "start": q.start, "end": q.end, "text": q.text,
                       "direct": q.direct, "via": [v.to_json() for v in q.via]}
            for it in items:
                if it["_key"] == key and key is not None and it["_words"] and words:
                    overlap = len(it["_words"] & words) / min(len(it["_words"]), len(words))
                    if overlap >= SAME_WORDS:
                        it["versions"].append(version)
                        it["_words"] |= words
                        break
            else:
                items.append({"speaker": q.speaker.to_json() if q.speaker else None, "versions": [version],
                              "_key": key, "_words": set(words)})
    out = []
    for it in items:
        outlets = sorted({v["outlet"] or "?" for v in it["versions"]})
        out.append({"speaker": it["speaker"], "outlets": outlets, "only_outlet": len(outlets) == 1,
                    "versions": it["versions"]})
    return out
