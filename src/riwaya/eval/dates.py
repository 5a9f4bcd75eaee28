"""``riwaya eval dates CASES.tsv``: date resolution on Duckling's Arabic cases, beside dateparser.

Each row gives a phrase, the expected start (and end, for intervals, exclusive) of its value, the
grain, and the reference time. riwaya reads the phrase in the Duckling convention (a bare weekday
is the next one) and scores its longest mention: correct when the value at the expected grain, the
grain itself and the interval end all match. Duckling's "Second" grain counts as minute (riwaya's
finest). A negative row is correct when nothing is found. dateparser, run on the same rows in the
same process, is scored on the start only, truncated to the expected grain (it reports no grain
and no intervals), which is lenient to it.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import click

GRAINS = {"Second": "minute", "Minute": "minute", "Hour": "hour", "Day": "day", "Week": "week",
          "Month": "month", "Year": "year"}


@dataclass(frozen=True)
class Case:
    text: str
    expected: str
    grain: str
    kind: str
    reference: str

    @property
    def negative(self) -> bool:
        return self.kind == "negative"


def read_cases(path: Path) -> list[Case]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [Case(r["text"], r["expected"], r["grain"], r["kind"], r["reference_time"])
                for r in csv.DictReader(fh, delimiter="\t")]


def _cut(iso: str, grain: str) -> str:
    """An ISO value as riwaya writes it at ``grain``."""
    return iso[:10] if grain in ("day", "week", "month", "year") else iso[:16]


def score_riwaya(case: Case) -> tuple[bool, str]:
    from riwaya.dates.find import find_dates

    found = find_dates(case.text, case.reference, "duckling")
    if case.negative:
        return not found, "; ".join(f"{m.text}={m.value}" for m in found)
    if not found:
        return False, "nothing found"
    m = max(found, key=lambda x: x.end - x.start)
    grain = GRAINS[case.grain]
    start, _, end = case.expected.partition("/")
    ok = m.grain == grain and m.value == _cut(start, grain)
    if end:
        want = _cut(end, "minute" if end[11:] != "00:00:00" or grain in ("hour", "minute") else "day")
        ok = ok and m.until is not None and m.until == want
    else:
        ok = ok and m.until is None
    return ok, f"{m.text!r} -> {m.value} {m.grain}" + (f" until {m.until}" if m.until else "")


def _truncate(dt: datetime, grain: str) -> datetime:
    if grain == "year":
        return dt.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if grain == "month":
        return dt.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if grain == "week":
        d = dt.replace(hour=0, minute=0, second=0, microsecond=0)
        return d - timedelta(days=d.weekday())
    if grain == "day":
        return dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if grain == "hour":
        return dt.replace(minute=0, second=0, microsecond=0)
    return dt.replace(second=0, microsecond=0)


def score_dateparser(case: Case) -> tuple[bool, str]:
    import dateparser

    ref = datetime.fromisoformat(case.reference).replace(tzinfo=None)
    got = dateparser.parse(case.text, languages=["ar"],
                           settings={"RELATIVE_BASE": ref, "PREFER_DATES_FROM": "future"})
    if case.negative:
        return got is None, str(got)
    if got is None:
        return False, "nothing"
    grain = GRAINS[case.grain]
    want = _truncate(datetime.fromisoformat(case.expected.partition("/")[0]), grain)
    return _truncate(got.replace(tzinfo=None), grain) == want, got.isoformat()


def evaluate(path: Path, baseline: bool = True) -> dict:
    cases = read_cases(path)
    rows = []
    for c in cases:
        ok, got = score_riwaya(c)
        row = {"text": c.text, "expected": c.expected, "grain": c.grain, "kind": c.kind, "riwaya": ok,
               "riwaya_got": got}
        if baseline:
            ok2, got2 = score_dateparser(c)
            row.update(dateparser=ok2, dateparser_got=got2)
        rows.append(row)
    pos = [r for r in rows if r["kind"] != "negative"]
    neg = [r for r in rows if r["kind"] == "negative"]
    out = {"cases": len(rows), "positives": len(pos), "negatives": len(neg),
           "riwaya_correct": sum(r["riwaya"] for r in pos), "riwaya_negatives_rejected": sum(r["riwaya"] for r in neg)}
    out["riwaya_accuracy"] = out["riwaya_correct"] / len(pos) if pos else 0.0
    if baseline:
        out["dateparser_correct"] = sum(r["dateparser"] for r in pos)
        out["dateparser_negatives_rejected"] = sum(r["dateparser"] for r in neg)
        out["dateparser_accuracy"] = out["dateparser_correct"] / len(pos) if pos else 0.0
    out["rows"] = rows
    return out


@click.command(name="dates")
@click.argument("cases", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-baseline", is_flag=True, help="Skip dateparser (faster).")
@click.option("--misses", is_flag=True, help="List the cases riwaya gets wrong.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (with every row) instead of text.")
def command(cases: Path, no_baseline: bool, misses: bool, as_json: bool) -> None:
    """Score date resolution on CASES.tsv (Duckling's Arabic cases) beside dateparser."""
    res = evaluate(cases, baseline=not no_baseline)
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=1))
        return
    click.echo(f"{res['positives']} positive cases, {res['negatives']} negatives")
    click.echo(f"riwaya     : {res['riwaya_correct']}/{res['positives']} exact at grain "
               f"({100 * res['riwaya_accuracy']:.1f}%), negatives rejected {res['riwaya_negatives_rejected']}"
               f"/{res['negatives']}")
    if not no_baseline:
        click.echo(f"dateparser : {res['dateparser_correct']}/{res['positives']} start at grain "
                   f"({100 * res['dateparser_accuracy']:.1f}%), negatives rejected "
                   f"{res['dateparser_negatives_rejected']}/{res['negatives']}")
    if misses:
        for r in res["rows"]:
            if not r["riwaya"]:
                click.echo(f"  miss: {r['text']}  expected {r['expected']} {r['grain']}  got {r['riwaya_got']}")
