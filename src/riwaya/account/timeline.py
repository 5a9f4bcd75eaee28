"""A story's timeline from the dates inside its texts (not only publication dates).

Each date mention of day, week or month grain within ``WINDOW_DAYS`` of the story's articles makes
an item: the date, its grain and the whole sentence that holds it, cited. Mentions of one date and
grain are one item: its text the sentence most like the others (by stem overlap), its sources the
sentences that say the same (the chosen one and its word-for-word copies); a date in the future of
its article, or under a future or deadline cue, is *planned*, apart from *reported* items. An
article whose own publication date is missing has its dates read against the reader's date
(``facts.read``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from riwaya.account.facts import Read
from riwaya.account.sentences import sentence_of
from riwaya.account.lexicon import ends_with, lexicon, words
from riwaya.account.summary import Cite
from riwaya.text.tokens import stems

WINDOW_DAYS = 60
GRAINS = ("day", "week", "month")


@dataclass(frozen=True)
class Item:
    date: str
    grain: str
    text: str
    planned: bool
    sources: tuple[Cite, ...]
    evidence: str

    def to_json(self) -> dict:
        return {"date": self.date, "grain": self.grain, "text": self.text,
                "status": "planned" if self.planned else "reported",
                "sources": [c.to_json() for c in self.sources]}


def _planned(r: Read, d, sent: tuple[int, int]) -> bool:
    pub = r.published
    if pub and (d.until or d.value)[:10] > pub[:10]:
        return True
    lex = lexicon()
    before = words(r.article.text[sent[0]:d.start])
    return any(ends_with(before[: i + 1], lex.future_cues) for i in range(len(before))) or bool(
        ends_with(before, lex.deadline_cues))


def _near(day: str, pubs: list[str]) -> bool:
    try:
        d = date.fromisoformat(day[:10])
    except ValueError:
        return False
    return any(abs((d - date.fromisoformat(p[:10])).days) <= WINDOW_DAYS for p in pubs)


def timeline(reads: list[Read]) -> list[Item]:
    pubs = [r.published for r in reads if r.published]
    groups: dict[tuple[str, str, bool], list[tuple[Read, tuple[int, int], object]]] = {}
    for r in reads:
        a = r.article
        for d in r.dates:
            if (d.grain not in GRAINS or d.text != a.text[d.start:d.end] or not _near(d.value, pubs)
                    or d.evidence.startswith("now")):
                continue
            sent = sentence_of(a, d.start)
            if not a.text[sent[0]:sent[1]].strip():
                continue
            key = ((d.until or d.value)[:10] if d.until and d.grain == "day" else d.value[:10], d.grain,
                   _planned(r, d, sent))
            groups.setdefault(key, []).append((r, sent, d))
    items = []
    for (day, grain, planned), g in groups.items():
        texts = [x[0].article.text[x[1][0]:x[1][1]] for x in g]
        bags = [set(stems(t)) for t in texts]

        def overlap(i: int) -> float:
            return sum(len(bags[i] & bags[j]) / (len(bags[i] | bags[j]) or 1) for j in range(len(g)) if j != i)
        best = max(range(len(g)), key=lambda i: (overlap(i), -len(texts[i])))
        text = texts[best]
        cites = tuple(dict.fromkeys(Cite(x[0].article.id, x[1][0], x[1][1]) for x, t in zip(g, texts)
                                    if " ".join(t.split()) == " ".join(text.split())))
        items.append(Item(day, grain, text, planned, cites, g[best][2].evidence))
    items.sort(key=lambda i: (i.date, i.planned, i.grain))
    return items
