"""``riwaya bench quantities``: the quantities stage over ANT's 1-14 March 2018 articles (2,045), timed
beside the dates stage it follows and a digits-only scan of the same texts (a regular expression
for numbers in Western or Eastern digits: the least any number reader must do).

Articles are read and cleaned (no outlet furniture model), then language, sentences, dates and
published run; the stage times are CPU seconds (``time.process_time``) in one process.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter

import click

from riwaya.eval import ANT_ARCHIVE as DEFAULT
from riwaya.eval.cleaning import SLICE, in_slice

_DIGITS = re.compile(r"[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*")


@click.command(name="quantities")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--slice", "pattern", default=SLICE, show_default=True, help="Regular expression on member names.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, pattern: str, as_json: bool) -> None:
    """Time the quantities stage over ARCHIVE's slice (default: ANT 1-14 March 2018)."""
    from riwaya.extract.quantities import quantities
    from riwaya.ingest import read
    from riwaya.pipeline import Pipeline, registered
    from riwaya.text.clean import clean

    reg = registered()
    pipe = Pipeline([reg[n] for n in ("language", "sentences", "dates", "published")])
    arts = []
    for d in read([archive]):
        if not isinstance(d, Exception) and in_slice(d, pattern):
            try:
                arts.append(pipe(clean(d)))
            except Exception:  # noqa: BLE001 - a document the text layer refuses is not timed
                continue
    t = time.process_time()
    for a in arts:
        _DIGITS.findall(a.text)
    digits_s = time.process_time() - t
    t = time.process_time()
    out = [quantities(a) for a in arts]
    quant_s = time.process_time() - t
    t = time.process_time()
    for a in arts:
        reg["dates"](a)
    dates_s = time.process_time() - t
    items = [q for a in out for q in a.layer("quantities")]
    res = {"archive": archive, "slice": pattern, "articles": len(arts),
           "characters": sum(len(a.text) for a in arts), "quantities": len(items),
           "quantities_s": round(quant_s, 3), "articles_per_s": round(len(arts) / quant_s, 1) if quant_s else None,
           "dates_s": round(dates_s, 3), "digits_only_s": round(digits_s, 3),
           "qualifiers": dict(Counter(q.qualifier for q in items).most_common()),
           "with_unit": sum(q.unit is not None for q in items), "with_counts": sum(q.counts is not None for q in items)}
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=1))
        return
    click.echo(f"{res['articles']} articles ({res['characters']} characters) of {archive} slice {pattern}")
    click.echo(f"quantities stage {quant_s:.2f} s CPU = {res['articles_per_s']} articles/s; "
               f"{len(items)} quantities ({res['with_unit']} with a unit, {res['with_counts']} with a counted noun)")
    click.echo(f"  beside: dates stage {dates_s:.2f} s, digits-only regex {digits_s:.3f} s")
    click.echo("  qualifiers: " + ", ".join(f"{k} {v}" for k, v in res["qualifiers"].items()))
