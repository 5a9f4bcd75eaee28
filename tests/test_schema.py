"""Outputs of the main job validate against the JSON Schemas in docs/schema/."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from riwaya.cli import main

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "schema"


def _validate(out: Path) -> None:
    art = json.loads((SCHEMA / "articles.schema.json").read_text(encoding="utf-8"))
    sto = json.loads((SCHEMA / "stories.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(art)
    rows = [json.loads(l) for l in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows
    for r in rows:
        jsonschema.validate(r, art)
        for d in r["dates"]:
            assert r["text"][d["start"]:d["end"]] == d["text"]
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    jsonschema.validate(stories, sto)
    # every article in exactly one event, every event in exactly one story
    in_events = [a for s in stories["stories"] for e in s["events"] for a in e["articles"]]
    assert sorted(in_events) == sorted(r["id"] for r in rows)
    events = [e["id"] for s in stories["stories"] for e in s["events"]]
    assert len(events) == len(set(events))


def test_seed_outputs_validate(seeds_dir, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", str(seeds_dir), "--out", str(out), "--db", str(tmp_path / "r.db")])
    assert res.exit_code == 0, res.output
    _validate(out)


def test_demo_outputs_validate(tmp_path):
    demo = Path(__file__).resolve().parent.parent / "demo" / "corpus"
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", str(demo), "--out", str(out), "--db", str(tmp_path / "r.db")])
    assert res.exit_code == 0, res.output
    _validate(out)
