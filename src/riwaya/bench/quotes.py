"""``riwaya bench quotes``: the quotes stage's CPU time over ANT articles of a range of days.

Reads the archive, keeps the articles whose file name ends in a day from ``--first`` to ``--last``
(default 1-14 March 2018, the 2,045 articles of the extraction speed target), cleans each one by
itself and splits its sentences (not timed), then times ``find_quotes`` alone with
``time.process_time`` in this one process (other load on the machine does not inflate it), and
prints articles, characters, quotes found, CPU seconds and articles per second. The issue's
budget is 60 s for all extraction (entities, canonical entities, quotes, quantities) on 2 cores.
"""
from __future__ import annotations

import json
import time

import click

from riwaya.eval import ANT_ARCHIVE as DEFAULT


def _day(member: str | None) -> str:
    stem = (member or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.rsplit("-", 1)[-1]


@click.command(name="quotes")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--first", default="20180301", show_default=True, help="First day (YYYYMMDD) of the articles timed.")
@click.option("--last", default="20180314", show_default=True, help="Last day (YYYYMMDD) of the articles timed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, first: str, last: str, as_json: bool) -> None:
    """Time the quotes stage over the ANT articles of FIRST..LAST (default 1-14 March 2018)."""
    from riwaya.extract.quotes import find_quotes
    from riwaya.ingest import read
    from riwaya.model import Document
    from riwaya.text.clean import clean
    from riwaya.text.sentences import sentences

    t = time.perf_counter()
    arts = []
    for doc in read([archive]):
        if isinstance(doc, Document) and first <= _day(doc.source.member) <= last:
            try:
                arts.append(sentences(clean(doc)))
            except Exception:  # noqa: BLE001 - a document the text layer refuses is not timed here
                continue
    t_prepare = time.perf_counter() - t
    n_quotes = direct = with_speaker = with_via = 0
    t = time.process_time()
    for a in arts:
        for q in find_quotes(a):
            n_quotes += 1
            direct += q.direct
            with_speaker += q.speaker is not None
            with_via += bool(q.via)
    cpu = time.process_time() - t
    res = {"archive": archive, "days": [first, last], "articles": len(arts), "chars": sum(len(a.text) for a in arts),
           "quotes": n_quotes, "direct": direct, "with_speaker": with_speaker, "with_via": with_via,
           "quotes_cpu_s": round(cpu, 3), "articles_per_s": round(len(arts) / cpu, 1) if cpu else None,
           "prepare_wall_s": round(t_prepare, 2)}
    if as_json:
        click.echo(json.dumps(res, indent=1))
        return
    click.echo(f"quotes stage over {res['articles']} ANT articles of {first}..{last} ({res['chars']:,} characters)")
    click.echo(f"  {n_quotes} quotes ({direct} direct, {with_speaker} with a speaker, {with_via} with a relaying medium)")
    click.echo(f"  quotes CPU {res['quotes_cpu_s']} s ({res['articles_per_s']} articles/s); "
               f"reading + cleaning + sentences {res['prepare_wall_s']} s wall (not part of the figure)")
