"""The bundled demo corpus: the main job reads every article of it, in every format, with no failure."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from riwaya.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "demo" / "corpus"


def _expected_inputs() -> dict[str, int]:
    """Articles per input file, counted from the files themselves (feed items, one per page/text)."""
    out = {}
    for p in sorted(CORPUS.iterdir()):
        raw = p.read_bytes()
        out[p.name] = raw.count(b"<item>") if p.suffix == ".xml" else 1
    return out


def test_demo_corpus_is_mixed():
    files = _expected_inputs()
    suffixes = {Path(n).suffix for n in files}
    assert {".txt", ".html", ".xml"} <= suffixes
    assert 8 <= sum(files.values()) <= 16


def test_main_job_on_demo_corpus(tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", str(CORPUS), "--out", str(out), "--db", str(tmp_path / "d.db"), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["ingest"]["failed"] == 0
    rows = [json.loads(ln) for ln in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    per_file: dict[str, int] = {}
    for r in rows:
        per_file[Path(r["source"]["path"]).name] = per_file.get(Path(r["source"]["path"]).name, 0) + 1
        assert r["text"].strip()
    assert per_file == _expected_inputs()
    langs = [r["language"] for r in rows]
    assert 1 <= langs.count("en") <= 4 and langs.count("ar") >= 6
    # the windows-1256 page came through as Arabic, not mojibake
    tv = next(r for r in rows if r["source"]["path"].endswith("sidra-tv-floods.html"))
    assert "وادي السدرة" in tv["text"]
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    in_events = sorted(a for s in stories["stories"] for e in s["events"] for a in e["articles"])
    assert in_events == sorted(r["id"] for r in rows)
    assert (out / "index.html").exists()
