"""``riwaya outlets``: what riwaya has learned about the outlets in the store."""
from __future__ import annotations

import json
import os

import click


@click.group(name="outlets")
def command() -> None:
    """What the store has learned per outlet (recurring page furniture)."""


@command.command(name="furniture")
@click.option("--db", "db", default=lambda: os.environ.get("RIWAYA_DB", "riwaya.db"), show_default="riwaya.db",
              help="SQLite database file (default: riwaya.db here; RIWAYA_DB overrides).")
@click.option("--outlet", "only", default=None, help="Show only this outlet.")
@click.option("--limit", default=20, show_default=True, help="Most lines to print per outlet.")
@click.option("--rebuild", is_flag=True, help="Relearn the model from every stored input (as read).")
@click.option("--snapshot", is_flag=True,
              help="Take a fresh snapshot of every outlet's model now; the next analyse cleans those "
                   "outlets' articles again under it.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def furniture(db: str, only: str | None, limit: int, rebuild: bool, snapshot: bool, as_json: bool) -> None:
    """List the lines each outlet repeats across its articles, which cleaning drops as furniture.

    The model is learned from what was read at ingest (and kept in the store); cleaning reads a
    frozen snapshot of it, taken anew when an outlet has doubled. The count is the number of the
    outlet's articles the line occurs in."""
    from riwaya.run.corpus import run_stage
    from riwaya.store import open_store
    from riwaya.text.learning import FurnitureStage, learned, snapshot_all

    store = open_store(db)
    if rebuild:
        stage = FurnitureStage()
        store.set_stage_mark(stage.name, stage.version, 0)  # from the first input again, counts reset
        run_stage(store, stage)
    if snapshot:
        snapshot_all(store)
    model = learned(store)
    out = {}
    for name in sorted(model.outlets):
        if only and name != only:
            continue
        o = model.outlets[name]
        rows = model.listing(name)
        out[name] = {"articles": o.articles, "teaser_outlet": model.teaser_outlet(name),
                     "furniture": [{"articles": n, "text": t} for n, t in rows[:limit]], "total": len(rows)}
    store.close()
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    if not out:
        click.echo(f"no outlet furniture learned in {db} (ingest articles with an outlet first)")
    for name, d in out.items():
        teaser = "; appends related-story teasers" if d["teaser_outlet"] else ""
        click.echo(f"{name}: {d['articles']} articles, {d['total']} furniture lines{teaser}")
        for row in d["furniture"]:
            click.echo(f"  {row['articles']:6d}  {row['text']}")
