"""Framing terms the corpus finds: a word an outlet puts before an entity where others do not.

For every linked entity mention (corpus layer ``entity_links``), the word right before it (nothing
but spaces between) is counted per outlet when it is a label word (data/framing_terms.json
``label_heads``: ميليشيات، نظام، مسلحي، عصابات ...; attached و ف ب ل and the article taken off).
Any word before an entity was tried first: on ANT 1-14 March the skewed ones were parts of names
(جنوب أفريقيا), places and topics (ستاد القاهرة، وكالة رويترز), 1-2 framing words in 28. Counts go
to model state ``framing.words``, one row per outlet (``{"n": {entity: mentions}, "w": {entity:
{word: count}}}``), updated from the new articles only.

A word is *learned* for (outlet, entity) when the evidence is skewed and not thin: the outlet puts
it before the entity at least ``MIN_USES`` times and in at least ``MIN_SHARE`` of its mentions,
while the other outlets together, with at least ``MIN_OTHER_MENTIONS`` mentions of the entity
from at least two outlets, do so at most ``MAX_OTHER_RATIO`` times as often. Each learned word
keeps its counts as its evidence. The table grows with the corpus; a story's account uses the table
as it stands when the story is (re)done.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from riwaya.account.sentences import sentence_of
from riwaya.account.framing_lexicon import lexicon
from riwaya.text.normalise import match

STATE = "framing.words"
STATE_VERSION = 1
MIN_USES = 3
MIN_SHARE = 0.2
MIN_OTHER_MENTIONS = 10
MAX_OTHER_RATIO = 0.2
CHUNK = 500
_LAST_WORD = re.compile(r"([^\W\d_]+)[ \t]+$")


def word_before(text: str, start: int) -> tuple[str, int, int] | None:
    """The label word right before ``start`` (spaces only between; data/framing_terms.json
    ``label_heads``, with و/ف/ب/ل and the article taken off): its bare form and its span."""
    m = _LAST_WORD.search(text, max(0, start - 40), start)
    if m is None:
        return None
    heads = lexicon().label_heads
    w = match(m.group(1))
    for p in ("", "و", "ف", "ب", "ل", "ال", "وال", "فال", "بال", "لل"):
        if w.startswith(p) and w[len(p):] in heads:
            return w[len(p):], m.start(1), m.end(1)
    return None


def links(article) -> list[tuple[int, int, str]]:
    return [(ln["start"], ln["end"], ln["entity"]) for ln in article.layer("entity_links")
            if isinstance(ln, Mapping) and ln.get("entity")]


def count(article) -> tuple[dict, dict]:
    n: dict[str, int] = defaultdict(int)
    w: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    text = article.text or ""
    for s, _e, eid in links(article):
        n[eid] += 1
        got = word_before(text, s)
        if got:
            w[eid][got[0]] += 1
    return n, w


def update(store, new, fresh: bool) -> dict[str, dict]:
    """Add the new articles' counts to the per-outlet rows; every row, by outlet."""
    rows = {} if fresh else {o: json.loads(d) for o, (_, d) in store.states(STATE).items()}
    touched = set()
    ids = [p.id for p in new]
    for k in range(0, len(ids), CHUNK):
        for a in store.articles(ids[k:k + CHUNK]):
            if not a.outlet:
                continue
            n, w = count(a)
            if not n:
                continue
            row = rows.setdefault(a.outlet, {"n": {}, "w": {}})
            for eid, c in n.items():
                row["n"][eid] = row["n"].get(eid, 0) + c
            for eid, words in w.items():
                ew = row["w"].setdefault(eid, {})
                for word, c in words.items():
                    ew[word] = ew.get(word, 0) + c
            touched.add(a.outlet)
    for o in sorted(touched):
        store.put_state(STATE, o, STATE_VERSION, json.dumps(rows[o], ensure_ascii=False, sort_keys=True))
    return rows


@dataclass(frozen=True)
class Learned:
    """Learned words: (outlet, entity) -> {word: evidence}."""

    words: dict[tuple[str, str], dict[str, str]]

    def __call__(self, arts) -> list:
        return story_uses(arts, self)


def learn(rows: dict[str, dict]) -> Learned:
    total_n: dict[str, int] = defaultdict(int)
    total_w: dict[tuple[str, str], int] = defaultdict(int)
    outlets_of: dict[str, int] = defaultdict(int)
    for row in rows.values():
        for eid, c in row["n"].items():
            total_n[eid] += c
            outlets_of[eid] += 1
        for eid, words in row["w"].items():
            for word, c in words.items():
                total_w[(eid, word)] += c
    out: dict[tuple[str, str], dict[str, str]] = {}
    for o, row in rows.items():
        for eid, words in row["w"].items():
            n_o = row["n"].get(eid, 0)
            n_rest = total_n[eid] - n_o
            if n_rest < MIN_OTHER_MENTIONS or outlets_of[eid] < 3:
                continue
            for word, c in words.items():
                if c < MIN_USES or c / n_o < MIN_SHARE:
                    continue
                c_rest = total_w[(eid, word)] - c
                if c_rest / n_rest > MAX_OTHER_RATIO * (c / n_o):
                    continue
                out.setdefault((o, eid), {})[word] = (f"{o} puts {word!r} before this entity in {c} of {n_o} mentions; "
                                                      f"the other outlets in {c_rest} of {n_rest}")
    return Learned(out)


def story_uses(arts, learned: Learned) -> list:
    """Uses of learned words in a story's articles, and, for the same entities, what the story's
    other outlets put before them (kind ``learned``, sense the word or ``none``)."""
    from riwaya.account.framing import Use, voice_of

    mentions = []  # (article, outlet, start, end, entity, word-or-None, word span)
    for a in arts:
        if not a.outlet:
            continue
        for s, e, eid in links(a):
            got = word_before(a.text, s)
            mentions.append((a, a.outlet, s, e, eid, got))
    entities = {eid for (_, o, _, _, eid, _) in mentions if (o, eid) in learned.words}
    out = []
    for eid in sorted(entities):
        ms = [m for m in mentions if m[4] == eid]
        if len({m[1] for m in ms}) < 2:
            continue
        flagged = {m[1] for m in ms if m[5] and m[5][0] in learned.words.get((m[1], eid), {})}
        if not flagged:
            continue
        for a, o, s, e, _, got in ms:
            mine = learned.words.get((o, eid), {})
            if got and got[0] in mine:
                start, why, sense = got[1], mine[got[0]], got[0]
            elif o not in flagged:
                start, why, sense = (got[1] if got else s), "another outlet's wording of the same entity", \
                    (got[0] if got else "none")
            else:
                continue
            voice, speaker = voice_of(a, start, e)
            out.append(Use(a.id, o, "learned", f"entity:{eid}", sense, a.text[start:e], start, e, a.text[start:e],
                           voice, speaker, sentence_of(a, start), why))
    return out
