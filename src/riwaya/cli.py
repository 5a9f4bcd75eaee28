"""The command line. Errors become one line for a person here, at the edge, and nowhere else."""
from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import click

from riwaya.errors import RiwayaError

DB_HELP = ("SQLite database file, or a postgresql:// URL for a PostgreSQL store (default: riwaya.db here; "
           "RIWAYA_DB overrides).")


def _db_option(f):
    return click.option("--db", "db", default=lambda: os.environ.get("RIWAYA_DB", "riwaya.db"),
                        show_default="riwaya.db", help=DB_HELP)(f)


def _json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def _open(db: str):
    from riwaya.store import open_store

    return open_store(db)


def _bar(total=None, desc=""):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=" art", file=sys.stderr, disable=not sys.stderr.isatty(),
                leave=False, dynamic_ncols=True)


def _parse_fields(pairs: tuple[str, ...]) -> dict:
    out = {}
    for p in pairs:
        k, sep, v = p.partition("=")
        if not sep:
            raise click.BadParameter(f"{p!r}: expected OURS=THEIRS, e.g. text=body", param_hint="--field")
        out[k.strip()] = v.strip()
    from riwaya.ingest.jsonl import check_fields

    try:
        check_fields(out)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--field") from None
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="riwaya")
def main() -> None:
    """riwaya (رواية): an Arabic-first news story engine.

    Ingest articles (text, HTML, ANT/TREC XML, JSON Lines, RSS/Atom, WARC, and archives of them),
    clean them, group them into events and stories, and write one sourced report per story.
    """


def _finite(ctx, param, value):
    if math.isnan(value):  # NaN passes every range check
        raise click.BadParameter("must be a number")
    return value


def _limits(max_mb, follow_links):
    from riwaya.ingest import Limits

    return Limits(max_bytes=int(max_mb * 1024 * 1024), follow_links=follow_links)


def _say_error(e):
    click.echo(f"error: {e.line()}", err=True)


def _say_warning(line):
    click.echo(f"warning: {line}", err=True)


def _do_ingest(store, inputs, max_mb, fields, follow_links):
    from riwaya.job import ingest_paths

    with _bar(desc="ingest") as bar:
        rep = ingest_paths(store, inputs, _limits(max_mb, follow_links), fields=_parse_fields(fields),
                           on_error=_say_error, progress=bar.update, on_warning=_say_warning)
    return rep


def _workers_option(f):
    f = click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
                     help="Join this dask.distributed scheduler (implies --executor dask).")(f)
    f = click.option("--executor", "executor", type=click.Choice(["local", "dask"]), default="local",
                     show_default=True, help="Run the per-article text layer in a local process pool or on "
                     "Dask (a LocalCluster of --workers processes, or --scheduler).")(f)
    return click.option("--workers", default=0, show_default="every CPU", type=click.IntRange(min=0),
                        help="Processes for the per-article text layer (1: this process only).")(f)


def _executor(workers, kind="local", scheduler=None):
    from riwaya.run.executor import make

    return make(workers or None, kind, scheduler)


def _closing(ex):
    from contextlib import nullcontext

    return ex if hasattr(ex, "__exit__") else nullcontext(ex)


def _do_analyse(store, workers, force=False, kind="local", scheduler=None):
    from riwaya.job import analyse

    with _bar(desc="analyse") as bar, _closing(_executor(workers, kind, scheduler)) as ex:
        rep = analyse(store, force=force, progress=bar.update, executor=ex)
    for line in rep.errors:
        click.echo(f"error: {line}", err=True)
    return rep


_ingest_opts = [
    click.option("--max-mb", default=20.0, show_default=True, type=click.FloatRange(min=0, min_open=True, max=1e6),
                 callback=_finite, help="Refuse files larger than this (MB)."),
    click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
                 help="JSON Lines field mapping, e.g. --field text=body --field published=date."),
    click.option("--follow-links", is_flag=True,
                 help="Follow symbolic links in input folders that point outside them (refused by default)."),
]


def _with(opts):
    def deco(f):
        for o in reversed(opts):
            f = o(f)
        return f
    return deco


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@_db_option
@_json_option
@_workers_option
@click.option("--no-analyse", is_flag=True, help="Only keep the inputs as read; analyse later.")
@_with(_ingest_opts)
def ingest(inputs, db, as_json, workers, executor, scheduler, no_analyse, max_mb, fields, follow_links):
    """Read INPUTS (files, folders, archives) into the store, keeping each input as read, and
    analyse the new articles (the text layer). Exits 1 if any input failed."""
    store = _open(db)
    rep = _do_ingest(store, inputs, max_mb, fields, follow_links)
    ana = None if no_analyse else _do_analyse(store, workers, kind=executor, scheduler=scheduler)
    if as_json:
        click.echo(json.dumps({**rep.to_json(), "analysis": ana.to_json() if ana else None},
                              ensure_ascii=False, indent=1))
    else:
        click.echo(f"{rep.documents} read, {rep.new} new articles, {rep.merged} re-posts of stored articles, "
                   f"{rep.seen} already ingested, {len(rep.errors)} failed. Store: {db} ({store.count()} articles)")
    sys.exit(1 if rep.errors or (ana and ana.errors) else 0)


@main.command()
@_db_option
@_json_option
@_workers_option
@click.option("--force", is_flag=True, help="Derive every article again, even those already current.")
def analyse(db, as_json, workers, executor, scheduler, force):
    """Derive each article again from what was read, where its analysis is not current (a stage's
    version, the cleaning or the outlet's furniture snapshot changed). Running it twice does nothing
    the second time."""
    rep = _do_analyse(_open(db), workers, force, executor, scheduler)
    click.echo(json.dumps(rep.to_json(), ensure_ascii=False, indent=1) if as_json
               else f"{rep.analysed} articles analysed, {len(rep.errors)} failed")
    sys.exit(1 if rep.errors else 0)


@main.command()
@_db_option
@_json_option
def cluster(db, as_json):
    """Group the analysed articles that are in no event yet into events and storylines."""
    from riwaya.job import cluster as run_cluster

    rep = run_cluster(_open(db))
    click.echo(json.dumps(rep, ensure_ascii=False, indent=1) if as_json
               else ", ".join(f"{k} {v}" for k, v in rep.items()))


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@_db_option
@_json_option
@_workers_option
@_with(_ingest_opts)
def run(inputs, out, db, as_json, workers, executor, scheduler, max_mb, fields, follow_links):
    """The main job: ingest INPUTS, analyse, cluster, and write reports to --out.

    Writes OUT/articles.jsonl, OUT/stories.json, OUT/index.html and one HTML and one Markdown
    report per story. Exits 1 if any input failed (the rest is still processed and written).
    """
    from riwaya.job import run as run_job

    store = _open(db)
    bars: dict = {}

    def progress(step: str, n: int) -> None:
        if step not in bars:
            for b in bars.values():
                b.close()
            bars[step] = _bar(desc=step)
        bars[step].update(n)

    with _closing(_executor(workers, executor, scheduler)) as ex:
        res = run_job(store, inputs, Path(out), _limits(max_mb, follow_links), _parse_fields(fields),
                      executor=ex, on_error=_say_error, on_warning=_say_warning, progress=progress)
    for b in bars.values():
        b.close()
    rep, ana, counts = res.ingest, res.analysis, res.outputs
    for line in ana.errors:
        click.echo(f"error: {line}", err=True)
    summary = {"ingest": rep.to_json(), "analysis": ana.to_json(), **counts, "out": str(Path(out).resolve())}
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        click.echo(f"{counts['articles']} articles, {counts['events']} events, {counts['stories']} stories; "
                   f"{len(rep.errors) + len(ana.errors)} inputs failed. Report: {Path(out).resolve() / 'index.html'}")
    sys.exit(1 if rep.errors or ana.errors else 0)


@main.command()
@_db_option
@_json_option
def stories(db, as_json):
    """List stories with their events and article counts."""
    st = _open(db).stories()
    if as_json:
        click.echo(json.dumps({"stories": [s.to_json() for s in st]}, ensure_ascii=False, indent=1))
        return
    for s in st:
        click.echo(f"{s.id}  {len(s.events)} events  {len(s.articles)} articles  {s.title}")


@main.command()
@click.argument("article_id")
@_db_option
@_json_option
def show(article_id, db, as_json):
    """Show one article by id or external id (e.g. an ANT DOCNO)."""
    from riwaya.report.files import article_record

    from riwaya.job import reader_view

    a = _open(db).get(article_id)
    if a is None:
        raise click.ClickException(f"no article {article_id!r} in {db}")
    a = reader_view(a)
    rec = article_record(a)
    if as_json:
        click.echo(json.dumps(rec, ensure_ascii=False, indent=1))
        return
    click.echo(f"{a.title}\n{a.outlet or '?'} · {a.published.value or 'date unknown'} ({a.published.evidence})"
               f" · {a.language or '?'}\n")
    click.echo(a.text)
    if rec.get("quotes"):
        click.echo("\nQuotes:")
        for q in rec["quotes"]:
            who = (q["speaker"] or {}).get("text") or "?"
            via = "، ".join(v["text"] for v in q["via"])
            click.echo(f"  {who}{' (via ' + via + ')' if via else ''}: {'«' if q['direct'] else ''}{q['text']}"
                       f"{'»' if q['direct'] else ''}")
    if rec.get("quantities"):
        click.echo("\nQuantities:")
        for q in rec["quantities"]:
            rng = f"{q['low']}..{q['high']}" if q["low"] != q["high"] else ""
            click.echo(f"  {q['text']}  = {q['value'] if q['value'] is not None else rng} "
                       f"[{q['qualifier']}{', ' + q['counts'] if q['counts'] else ''}]")


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, help="Most results to print.")
@click.option("--outlet", default=None, help="Only this outlet's articles.")
@click.option("--from", "since", default=None, help="On or after (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--to", "until", default=None, help="On or before (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--entity", default=None, help="Only articles that mention this canonical entity (riwaya entities).")
@_db_option
@_json_option
def search(query, limit, outlet, since, until, entity, db, as_json):
    """Search articles: each word also finds its forms with و ف ب ل ك and ال, its spelling variants,
    a place's other names and a canonical entity's other forms; "a phrase", a OR b, -word, word*.
    A story's main reports come first; copies are folded into their original. Prints every hit's
    outlet, date, story and a snippet of the original text, and the exact number of hits."""
    from riwaya.search import search as run
    from riwaya.search.index import Filters, index_for
    from riwaya.search.run import compile_query

    store = _open(db)
    text = " ".join(query)
    q = compile_query(store, text)
    index = index_for(store, [i for i, _ in store.find(q)] if q.groups else [])
    res = run(store, text, limit=limit, index=index, filters=Filters(outlet, since, until, entity))
    if as_json:
        click.echo(json.dumps({"total": res.total, "articles": res.articles, "expanded": res.expanded(),
                               "via": res.via(), "hits": [h.to_json() for h in res.hits]}, ensure_ascii=False, indent=1))
        return
    click.echo(f"{res.total} hits ({res.articles} articles with the copies folded into them)")
    for h in res.hits:
        also = f"  (copies: {', '.join(c.outlet or c.id for c in h.copies)})" if h.copies else ""
        click.echo(f"{h.id}  {h.title}\n    {h.outlet or '?'} · {(h.published or '?')[:16]} · story {h.story}: "
                   f"{h.story_title}{also}\n    {' '.join(h.snippet.bracketed().split())}")


@main.command()
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Output folder.")
@_db_option
@_json_option
def export(out, db, as_json):
    """Write articles.jsonl, stories.json and the reports from the store to --out."""
    from riwaya.job import write_outputs

    counts = write_outputs(_open(db), Path(out))
    click.echo(json.dumps(counts) if as_json else f"{counts['articles']} articles, {counts['stories']} stories -> {out}")


@main.group(name="eval")
def eval_group() -> None:
    """Score a stage on real data against baselines run in the same command."""


@main.group(name="bench")
def bench_group() -> None:
    """Time a path on real data; prints ratios against a baseline run in the same process."""


def _attach() -> None:
    from riwaya.commands import discover

    for cmd in discover("riwaya.commands"):
        main.add_command(cmd)
    for cmd in discover("riwaya.eval"):
        eval_group.add_command(cmd)
    for cmd in discover("riwaya.bench"):
        bench_group.add_command(cmd)


_attach()


def run_cli() -> None:  # pragma: no cover - console entry wraps errors at the edge
    """The console entry: every error is one line for a person (``--debug`` anywhere on the command
    line shows the traceback instead)."""
    import sqlite3

    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv.remove("--debug")
    try:
        main(standalone_mode=True)
    except Exception as err:  # noqa: BLE001 - the edge: one line for a person, whatever went wrong
        if debug:
            raise
        if isinstance(err, RiwayaError):
            line = str(err)
        elif isinstance(err, sqlite3.Error):  # disk full, a read-only or corrupt store
            line = (f"the store could not be used ({type(err).__name__}: {err}); nothing committed before "
                    f"this was lost")
        else:
            line = f"internal error ({type(err).__name__}: {err}); run again with --debug for the traceback"
        from riwaya.escape import visible

        click.echo(f"error: {visible(line)}", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    run_cli()
