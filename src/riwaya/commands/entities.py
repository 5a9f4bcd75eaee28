"""``riwaya entities``: the canonical entities in the store, with their forms and counts."""
from __future__ import annotations

import json
import os

import click


@click.command(name="entities")
@click.option("--db", "db", default=lambda: os.environ.get("RIWAYA_DB", "riwaya.db"), show_default="riwaya.db",
              help="SQLite database file (default: riwaya.db here; RIWAYA_DB overrides).")
@click.option("--label", default=None, type=click.Choice(["PER", "LOC", "ORG", "MISC"]), help="Only this label.")
@click.option("--limit", default=50, show_default=True, help="Most entities to list (the most mentioned first).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(db: str, label: str | None, limit: int, as_json: bool) -> None:
    """List canonical entities: display name, label, mentions, and every form with its count."""
    from riwaya.extract.entity_stage import entity_rows
    from riwaya.store import open_store

    store = open_store(db)
    try:
        rows = [r for r in entity_rows(store) if label is None or r["label"] == label][:max(limit, 0)]
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo(f"no canonical entities in {db} (run the entities stage first)")
    for r in rows:
        ref = f" [{r['ref']}]" if r.get("ref") else ""
        click.echo(f"{r['id']}\t{r['label']}\t{r['count']}\t{r['name']}{ref}")
        forms = sorted(r["forms"], key=lambda f: (-f["count"], f["n"]))
        click.echo("\t\t\t" + " | ".join(f"{f['form']} ({f['count']})" for f in forms))
