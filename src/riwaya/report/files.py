"""articles.jsonl and stories.json, the machine-readable outputs (schema: docs/schema/)."""
from __future__ import annotations

import json
from pathlib import Path

from riwaya.model import Article, Story
from riwaya.story.dedup import copy_of

SCHEMA_VERSION = "1.0"


def article_record(a: Article) -> dict:
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
        "entities": [_entity(m) for m in a.layer("entities")],
    }


def _entity(m) -> dict:
    """A named-entity mention; ``entity``/``name`` (the canonical entity and its display name) stay
    null until the corpus stage that links mentions fills them."""
    return {**m.to_json(), "name": None, "score": m.score}


def write_articles(path: Path, articles: list[Article]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(article_record(a), ensure_ascii=False) + "\n")


def write_stories(path: Path, stories: list[Story]) -> None:
    doc = {"schema_version": SCHEMA_VERSION, "stories": [s.to_json() for s in stories]}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
