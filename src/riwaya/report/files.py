"""articles.jsonl and stories.json, the machine-readable outputs (schema: docs/schema/)."""
from __future__ import annotations

import json
from pathlib import Path

from riwaya.model import Article, Story
from riwaya.story.dedup import copy_of

SCHEMA_VERSION = "1.0"


def article_record(a: Article, entity_names: dict[str, str] | None = None, mention_layer: str = "entities") -> dict:
    """One line of articles.jsonl. ``entities``: the mentions of ``mention_layer`` with their canonical
    entity (``entity_names``: the current display names by entity id)."""
    from riwaya.extract.entity_stage import entities_for_reader

    first = a.sources[0]
    return {
        "id": a.id,
        "source": {"path": first.path, "member": first.member},
        "sources": [s.to_json() for s in a.sources],
        "external_id": a.external_id,
        "copy_of": copy_of(a),
        "outlet": a.outlet,
        "outlet_evidence": a.outlet_evidence,
        "url": a.url,
        "title": a.title,
        "title_evidence": a.title_evidence,
        "author": a.author,
        "published": a.published.value,
        "published_evidence": a.published.to_json(),
        "language": a.language,
        "text": a.text,
        "removed": [r.to_json() for r in a.removed],
        "dates": [d.to_json() for d in a.layer("dates")],
        "places": [m.to_json() for m in a.layer("places")],
        "quantities": [q.to_json() for q in a.layer("quantities")],
        "quotes": [q.to_json() for q in a.layer("quotes")],
        "entities": entities_for_reader(a, mention_layer, entity_names),
    }


def write_articles(path: Path, articles: list[Article], entity_names: dict[str, str] | None = None,
                   mention_layer: str = "entities") -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(article_record(a, entity_names, mention_layer), ensure_ascii=False) + "\n")


ACCOUNT_FIELDS = ("facts", "conflicts", "summary", "timeline", "quotes", "framing", "exclusives", "omissions")


def story_record(s: Story, account: dict | None = None) -> dict:
    """A story as stories.json writes it: its events and, when it has one, its sourced account
    (``riwaya.account``); without one the account's fields are present and empty."""
    d = s.to_json()
    acc = account or {}
    for k in ACCOUNT_FIELDS:
        d[k] = acc.get(k, [])
    return d


def write_stories(path: Path, stories: list[Story], accounts: dict[str, dict] | None = None) -> None:
    accounts = accounts or {}
    doc = {"schema_version": SCHEMA_VERSION, "stories": [story_record(s, accounts.get(s.id)) for s in stories]}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
