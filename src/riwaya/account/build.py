"""One story's account as JSON: facts with their verdicts, conflicts, summary, timeline, quotes,
framing, exclusives and omissions.

``account(reads)`` is pure: the articles of one story as the account reads them
(``facts.read``) in, a JSON-ready dict out (schema: docs/schema/stories.schema.json).
Quotes and framing plug in as functions of the reads (``EXTRAS``): the quotes compared across
outlets (``account.quotes``) and the framing terms (``account.framing``); exclusives and omissions
come from ``account.omissions``.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from riwaya.account.compare import Call, compare, resolve_mixed
from riwaya.account.splits import split_incomparable
from riwaya.account.facts import FactMention, Read, measures
from riwaya.account.framing import framing
from riwaya.account.omissions import exclusives, omissions
from riwaya.account.lexicon import label
from riwaya.account.quotes import compare as compare_quotes
from riwaya.account.summary import summarise
from riwaya.account.timeline import timeline


EXTRAS: dict[str, Callable[[list[Read]], list]] = {"quotes": compare_quotes}


def language_of(reads: list[Read]) -> str | None:
    langs = Counter(r.article.language for r in reads if r.article.language)
    return langs.most_common(1)[0][0] if langs else None


def _mention(m: FactMention) -> dict:
    return m.to_json()


def _short(m: FactMention) -> dict:
    return {"article": m.article, "outlet": m.outlet, "start": m.start, "end": m.end, "text": m.text}


def fact_record(c: Call, language: str | None) -> dict:
    d = {"id": c.measure.id, "kind": c.measure.kind, "what": c.measure.what,
         "label": label(c.measure.what, language, c.measure.mentions[0].text), "status": c.status, "confidence": c.confidence,
         "evidence": c.evidence, "mentions": [_mention(m) for m in c.measure.mentions]}
    if c.sequence:
        d["sequence"] = [{"as_of": s.as_of, "value": _num(s.value), "mentions": [_short(m) for m in s.mentions]}
                         for s in c.sequence]
    return d


def _num(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v


def calls(reads: list[Read]) -> list[Call]:
    """The story's measures, split where they count different things, each called agree, update,
    conflict or single."""
    return resolve_mixed([compare(m) for m in split_incomparable(measures(reads))])


def account(reads: list[Read], learned=None) -> dict:
    """``learned``: the framing words the corpus has learned (``account.framing_corpus.Learned``)."""
    language = language_of(reads)
    called = calls(reads)
    conflicts = [{"fact": c.measure.id, "kind": c.measure.kind, "what": c.measure.what,
                  "label": label(c.measure.what, language, c.measure.mentions[0].text), "confidence": c.confidence,
                  "evidence": c.evidence,
                  "sides": [{"value": _num(s.value), "mentions": [_short(m) for m in s.mentions]} for s in c.sides]}
                 for c in called if c.status == "conflict"]
    out = {"language": language,
           "facts": [fact_record(c, language) for c in called],
           "conflicts": conflicts,
           "summary": [ln.to_json() for ln in summarise(reads, called, language)],
           "timeline": [i.to_json() for i in timeline(reads)],
           "exclusives": exclusives(called, reads, language),
           "omissions": omissions(called, reads, language),
           "framing": framing(reads, learned)}
    for name, fn in EXTRAS.items():
        out[name] = fn(reads)
    return out
