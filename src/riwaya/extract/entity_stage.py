"""The ``entities`` corpus stage: every named mention of the new articles linked to a canonical entity.

For each article that arrived since its last run (in arrival order), the stage reads a ``Mention``
layer (``layer``: the NER ``entities`` by default; ``places`` works too), links it with
``canonical.Matcher`` and writes, in the one transaction ``run.corpus.run_stage`` gives it:

- a corpus layer ``entity_links`` per article: ``[{start, end, entity, name, evidence}]``, one item
  per mention of the layer, in its order (``entity`` None where a mention holds no letters);
- model state ``entities``: one row per entity touched (``Entity.to_json``: display name, label,
  gazetteer id, forms with counts and keys).

The matcher's whole state is those rows, so a run that takes in articles one by one gives the ids a
run over all of them at once gives. Ids never change: a new form joins an entity or opens one.
``entities_for_reader`` joins an article's mention layer with its links into what a reader sees.
"""
from __future__ import annotations

import json

from riwaya.extract.canonical import Matcher
from riwaya.model import Article
from riwaya.store.base import Pending

STATE = "entities"
LINKS = "entity_links"
CHUNK = 500


class EntityStage:
    name = "entities"
    version = "2"  # 2: the article's letters do not count toward a phonetic key's length (الأمم / الأيام apart)
    analysed_only = True

    def __init__(self, layer: str = "entities"):
        self.layer = layer

    def run(self, store, new: list[Pending], fresh: bool) -> dict:
        if fresh:
            store.drop_corpus_layers(self.name, LINKS)
        matcher = load(store) if not fresh else Matcher()
        before = set(matcher.entities)
        touched: set[str] = set()
        mentions = linked = 0
        for k in range(0, len(new), CHUNK):
            part = new[k:k + CHUNK]
            arts = {a.id: a for a in store.articles([p.id for p in part])}
            layers = {}
            for p in part:
                a = arts.get(p.id)
                if a is None:
                    continue
                items = mentions_of(a, self.layer)
                links = matcher.link(items)
                rows = []
                for m, ln in zip(items, links):
                    rows.append({"start": m.start, "end": m.end, "entity": ln.entity if ln else None,
                                 "name": None, "evidence": ln.evidence if ln else None})
                    if ln:
                        touched.add(ln.entity)
                layers[a.id] = rows
                mentions += len(items)
                linked += sum(1 for ln in links if ln)
            for rows in layers.values():  # display names as they stand after the chunk
                for r in rows:
                    if r["entity"]:
                        r["name"] = matcher.entities[r["entity"]].name()
            store.put_corpus_layers(self.name, {aid: {LINKS: rows} for aid, rows in layers.items()})
        for eid, row in matcher.rows(sorted(touched, key=lambda i: int(i[1:]))).items():
            store.put_state(STATE, eid, 1, json.dumps(row, ensure_ascii=False))
        return {"new": len(new), "mentions": mentions, "linked": linked,
                "entities": len(matcher.entities), "opened": len(set(matcher.entities) - before)}


def mentions_of(article: Article, layer: str) -> tuple:
    """The mentions a layer spec names: one layer (``entities``), or several joined by ``+``
    (``entities+places``: the tagger's mentions, then the gazetteer's places that no tagged mention
    overlaps, so a place the tagger missed is still linked), in text order."""
    out: list = []
    for name in layer.split("+"):
        taken = [(m.start, m.end) for m in out]
        out += [m for m in article.layer(name) if not any(s < m.end and m.start < e for s, e in taken)]
    return tuple(sorted(out, key=lambda m: (m.start, m.end)))


def load(store) -> Matcher:
    """The matcher as the store's model state left it."""
    return Matcher(json.loads(d) for _, (_, d) in store.states(STATE).items())


def entity_rows(store) -> list[dict]:
    """Every canonical entity as its state row, the most mentioned first."""
    rows = [json.loads(d) for _, (_, d) in store.states(STATE).items()]
    return sorted(rows, key=lambda r: (-r["count"], int(r["id"][1:])))


def entities_for_reader(article: Article, layer: str = "entities", names: dict[str, str] | None = None) -> list[dict]:
    """An article's mentions with their canonical entities: ``[{start, end, text, label, entity,
    name}]`` (``names``: current display names by entity id, to use instead of the ones the links
    were written with). A mention without a link keeps ``entity`` and ``name`` None."""
    links = {(ln["start"], ln["end"]): ln for ln in article.layer(LINKS)}
    out = []
    for m in mentions_of(article, layer):
        ln = links.get((m.start, m.end)) or {}
        eid = ln.get("entity")
        out.append({"start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity": eid,
                    "name": (names or {}).get(eid, ln.get("name")) if eid else None})
    return out
