"""The entities corpus stage over a store: links per article, state per entity, incremental = batch."""
from __future__ import annotations

import json

import pytest

from riwaya.extract.entity_stage import LINKS, STATE, EntityStage, entities_for_reader, entity_rows
from riwaya.run.corpus import run_stage

pytestmark = pytest.mark.shared


def _seeds(seeds_dir):
    return sorted(str(p) for p in seeds_dir.glob("*.txt"))


def _links(store):
    """Each article's links without the display name they were written with (a name can change as
    an entity gains forms; readers get the current one from the state, as write_outputs does)."""
    return {a.id: [{k: v for k, v in x.items() if k != "name"} for x in a.layer(LINKS)] for a in store.articles()}


def test_places_layer_links_every_mention_and_keeps_state(store, seeds_dir):
    from riwaya.job import analyse, ingest_paths

    ingest_paths(store, _seeds(seeds_dir))
    analyse(store)
    rep = run_stage(store, EntityStage(layer="places"))
    assert rep["mentions"] == rep["linked"] > 0
    rows = {r["id"]: r for r in entity_rows(store)}
    assert len(rows) == rep["entities"]
    kz = [r for r in rows.values() if r["ref"] == "kz"]
    assert len(kz) == 1 and {f["form"] for f in kz[0]["forms"]} >= {"كازاخستان", "قازاقستان"}
    for a in store.articles():
        view = entities_for_reader(a, layer="places")
        assert len(view) == len(a.layer("places"))
        for v in view:
            assert a.text[v["start"]:v["end"]] == v["text"]
            assert v["entity"] in rows and v["name"]
    assert run_stage(store, EntityStage(layer="places")) == {"new": 0}  # nothing new, nothing done


def test_incremental_equals_batch(tmp_path, seeds_dir):
    from riwaya.job import analyse, ingest_paths
    from riwaya.store import MemoryStore

    batch, inc = MemoryStore(), MemoryStore()
    ingest_paths(batch, _seeds(seeds_dir))
    analyse(batch)
    run_stage(batch, EntityStage(layer="places"))
    for p in _seeds(seeds_dir):
        ingest_paths(inc, [p])
        analyse(inc)
        run_stage(inc, EntityStage(layer="places"))
    assert _links(inc) == _links(batch)
    assert inc.states(STATE) == batch.states(STATE)
    # ids are stable as the corpus grows: the first article's links are what they were
    first = sorted(inc.articles(), key=lambda a: a.id)[0]
    assert json.dumps(_links(inc)[first.id]) == json.dumps(_links(batch)[first.id])


def test_entities_command_lists_forms(tmp_path, seeds_dir):
    from click.testing import CliRunner

    from riwaya.commands.entities import command
    from riwaya.job import analyse, ingest_paths
    from riwaya.store import open_store

    db = str(tmp_path / "e.db")
    s = open_store(db)
    ingest_paths(s, _seeds(seeds_dir))
    analyse(s)
    run_stage(s, EntityStage(layer="places"))
    s.close()
    res = CliRunner().invoke(command, ["--db", db, "--json", "--label", "LOC", "--limit", "3"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert len(rows) == 3 and rows[0]["ref"] == "kz" and rows[0]["count"] >= rows[1]["count"]
    res = CliRunner().invoke(command, ["--db", db])
    assert "قازاقستان (1)" in res.output
