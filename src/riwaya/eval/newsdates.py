"""``riwaya eval newsdates``: dates inside real news sentences, read against the publication date.

The gold (``labels/dates-ant/gold.jsonl``, our own labels on four ANT days outside the development
days) gives, per expression: the DOCNO, the span in the text as ``riwaya.text.clean.clean`` leaves it
(start, length, a sha1[:8] of the expression to notice drift), the metadata publication time, and the
value a reader gives it: an ISO start at a grain (day, week, month, year), and for a period (early,
mid or late in a month, a Hijri month) the exclusive end ``until``.

A gold expression is right when the found ``DateMention`` that overlaps it most has the gold value at
the gold grain (its own grain equal or finer, its value cut to the gold grain) and, when the gold has
an end, the same end; an expression nothing overlaps is wrong. Baselines in the same run: riwaya in
its "duckling" convention (a voice assistant's reading: a bare weekday is the next one) and
dateparser over the expression's own text with the publication date as ``RELATIVE_BASE`` (scored on
the start only, as it gives neither grain nor end: lenient to it). The gold is split into a dev half
and a test half by DOCNO (``half``); rules are tuned on dev errors only.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import click

from riwaya.eval import ANT_ARCHIVE

GOLD = Path("labels") / "dates-ant" / "gold.jsonl"
GRAINS = ("minute", "hour", "day", "week", "month", "year")
SYSTEMS = ("riwaya", "duckling", "dateparser")


@dataclass(frozen=True)
class Gold:
    docno: str
    start: int
    length: int
    sha1: str
    published: str
    kind: str
    value: str
    grain: str
    until: str | None
    half: str

    @property
    def end(self) -> int:
        return self.start + self.length


def read_gold(path: Path) -> list[Gold]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                rows.append(Gold(d["docno"], d["start"], d["length"], d["sha1"], d["published"], d["kind"],
                                 d["value"], d["grain"], d.get("until"), d["half"]))
    return rows


def sha8(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def cut(value: str, grain: str) -> str:
    """An ISO date or datetime as the start of the period of ``grain`` that holds it."""
    d = date.fromisoformat(value[:10])
    if grain == "week":
        d -= timedelta(days=d.weekday())
    elif grain == "month":
        d = d.replace(day=1)
    elif grain == "year":
        d = d.replace(month=1, day=1)
    return d.isoformat()


def right(g: Gold, value: str | None, grain: str | None, until: str | None, ends: bool = True) -> bool:
    """Whether a reading (value at grain, with an end) is the gold's; ``ends``: also check the end."""
    if value is None or grain not in GRAINS or GRAINS.index(grain) > GRAINS.index(g.grain):
        return False
    if cut(value, g.grain) != g.value:
        return False
    if ends and g.until is not None:
        return until is not None and until[:10] == g.until
    return True


def best_overlap(g: Gold, mentions) -> object | None:
    best, most = None, 0
    for m in mentions:
        o = min(m.end, g.end) - max(m.start, g.start)
        if o > most:
            best, most = m, o
    return best


def _texts(corpus: str, docnos: set[str]) -> dict[str, tuple[str, str | None]]:
    """DOCNO -> (text as ``clean`` leaves it, the reference ``find_dates`` is given)."""
    from riwaya.ingest import read
    from riwaya.model import Document
    from riwaya.text.clean import clean

    days = {d.rsplit("-", 1)[-1] for d in docnos}
    out = {}
    for doc in read([corpus]):
        if not isinstance(doc, Document):
            continue
        docno = doc.source.external_id or ""
        if docno.rsplit("-", 1)[-1] not in days or docno not in docnos:
            continue
        art = clean(doc)
        out[docno] = (art.text, art.published.value)
    return out


def _dateparser(text: str, published: str) -> tuple[str | None, str | None]:
    import dateparser

    base = datetime.fromisoformat(published.replace("Z", "+00:00")).replace(tzinfo=None)
    got = dateparser.parse(text, languages=["ar"], settings={"RELATIVE_BASE": base})
    return (got.date().isoformat(), "day") if got else (None, None)


def evaluate(corpus: str = ANT_ARCHIVE, gold_path: Path = GOLD, baselines: bool = True) -> dict:
    from riwaya.dates.find import find_dates

    gold = read_gold(gold_path)
    texts = _texts(corpus, {g.docno for g in gold})
    found: dict[tuple[str, str], tuple] = {}
    rows = []
    for g in gold:
        text, ref = texts.get(g.docno, ("", None))
        expr = text[g.start:g.end]
        row = {"docno": g.docno, "start": g.start, "kind": g.kind, "half": g.half, "text": expr,
               "gold": g.value + " " + g.grain + (f" until {g.until}" if g.until else ""),
               "drift": sha8(expr) != g.sha1}
        for system, convention in (("riwaya", "news"), ("duckling", "duckling")):
            if system == "duckling" and not baselines:
                continue
            key = (g.docno, convention)
            if key not in found:
                found[key] = find_dates(text, ref, convention)
            m = best_overlap(g, found[key])
            row[system] = m is not None and right(g, m.value, m.grain, m.until)
            row[system + "_got"] = (f"{m.text!r} -> {m.value} {m.grain}" + (f" until {m.until}" if m.until else "")
                                    + f" [{m.evidence}]") if m else "nothing found"
        if baselines:
            v, gr = _dateparser(expr, g.published) if expr else (None, None)
            row["dateparser"] = right(g, v, gr, None, ends=False)
            row["dateparser_got"] = v or "nothing"
        rows.append(row)
    out: dict = {"expressions": len(rows), "drifted": sum(r["drift"] for r in rows),
                 "articles": len(texts), "rows": rows}
    for system in SYSTEMS if baselines else ("riwaya",):
        for half in ("dev", "test", "all"):
            sel = [r for r in rows if half == "all" or r["half"] == half]
            out[f"{system}_{half}"] = sum(r[system] for r in sel) / len(sel) if sel else 0.0
        by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in rows:
            by_kind[r["kind"]][0] += r[system]
            by_kind[r["kind"]][1] += 1
        out[f"{system}_by_kind"] = {k: tuple(v) for k, v in sorted(by_kind.items())}
    out["halves"] = dict(Counter(r["half"] for r in rows))
    return out


@click.command(name="newsdates")
@click.argument("corpus", required=False, default=ANT_ARCHIVE)
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=GOLD,
              show_default=True, help="Labelled dates in ANT sentences (labels/dates-ant/gold.jsonl).")
@click.option("--no-baseline", is_flag=True, help="Skip the duckling convention and dateparser (faster).")
@click.option("--misses", type=click.Choice(["dev", "test", "all"]), default=None,
              help="List riwaya's misses in this half.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (with every row) instead of text.")
def command(corpus: str, gold_path: Path, no_baseline: bool, misses: str | None, as_json: bool) -> None:
    """Score reading dates inside news sentences (CORPUS: the ANT archive) on our labelled ANT days."""
    res = evaluate(corpus, gold_path, baselines=not no_baseline)
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=1))
        return
    click.echo(f"{res['expressions']} gold expressions in {res['articles']} articles "
               f"(dev {res['halves'].get('dev', 0)}, test {res['halves'].get('test', 0)}); "
               f"drifted spans {res['drifted']}")
    names = {"riwaya": "riwaya (news)", "duckling": "riwaya (duckling)", "dateparser": "dateparser"}
    for system in SYSTEMS if not no_baseline else ("riwaya",):
        click.echo(f"{names[system]:<18}: dev {res[system + '_dev']:.3f}  test {res[system + '_test']:.3f}  "
                   f"all {res[system + '_all']:.3f}")
    click.echo("riwaya by kind    : " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in res["riwaya_by_kind"].items()))
    if misses:
        for r in res["rows"]:
            if not r["riwaya"] and (misses == "all" or r["half"] == misses):
                click.echo(f"  miss {r['docno']}@{r['start']} [{r['kind']}] {r['text']!r}: gold {r['gold']}; "
                           f"got {r['riwaya_got']}")
