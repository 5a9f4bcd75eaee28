"""The main job end to end on the five real seed articles."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from riwaya.cli import main


def test_run_on_seeds(seeds_dir, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", str(seeds_dir), "--out", str(out), "--db", str(tmp_path / "r.db")])
    assert res.exit_code == 0, res.output
    rows = [json.loads(l) for l in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    for r in rows:
        src = r["source"]["path"]
        raw = Path(src).read_text(encoding="utf-8")
        # full body: the longest paragraph of the input is in the text
        longest = max(raw.split("\n"), key=len).strip()
        assert longest in r["text"], src
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    ids = [a for s in stories["stories"] for e in s["events"] for a in e["articles"]]
    assert sorted(ids) == sorted(r["id"] for r in rows)  # every article in exactly one event
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html
    for s in stories["stories"]:
        assert (out / f"story-{s['id']}.html").exists() and (out / f"story-{s['id']}.md").exists()
