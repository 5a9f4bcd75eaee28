"""``riwaya eval numbers [CASES.tsv]``: numbers and quantities read from Duckling's Arabic phrases
(default: ../shared/eval/numbers/arabic-duckling/cases.tsv, 358 phrases with their values).

A phrase is right when the quantity read from it has Duckling's value: for a numeral its value;
for a quantity its value in Duckling's unit (Duckling gives masses in grams: 0.5 كغ = 500 g; the
unit's factor comes from data/quantity_words.json) and the same unit; for money the amount and
currency, and for a range (من 10 الى 20 دولار) both ends; an open range ("اقل من 7 يورو") its
bound. Negative rows (جمبري, ...) are right when nothing is read. Ordinals are the date layer's and
are not scored.

Lines, each on every dimension: ``riwaya`` reads each phrase as one quantity (``read_quantity``:
weak words such as واحد or ست and a unit alone count, as they do for a phrase known to be a
number); ``riwaya running text`` is the stage itself (``find_quantities``), which needs context for
those words and leaves out a bare figure in digits that nothing around it makes a count (in news such
a figure is mostly a minute, a score, a model or a list number), so it reads few bare numerals. Baselines in the same run: ``digits only`` (the first number in Western or Eastern
digits with ٫ ٬ separators, no words, no scales), and ``puckling`` (a Python port of Duckling,
Apache-2.0; it needs Python >= 3.13) where it can be imported. The target is the ``numeral+quantity``
line: at least 0.95.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import click

from riwaya.eval import shared

DEFAULT = ("eval", "numbers", "arabic-duckling", "cases.tsv")
DIMENSIONS = ("numeral", "quantity", "money", "duration", "temperature", "volume", "negative-quantity")
# Duckling's unit constructors -> riwaya's unit ids (data/quantity_words.json)
UNITS = {"Dollar": "USD", "Cent": "cent", "Pound": "pound", "EUR": "EUR", "GBP": "GBP", "EGP": "EGP",
         "SAR": "SAR", "QAR": "QAR", "KWD": "KWD", "LBP": "LBP", "JOD": "JOD", "ILS": "ILS", "Gram": "g",
         "Ounce": "oz", "Cup": "cup", "Millilitre": "ml", "Litre": "l", "Gallon": "gal", "Hectolitre": "hl",
         "Celsius": "celsius", "Fahrenheit": "fahrenheit", "Degree": "degree", "Second": "second",
         "Minute": "minute", "Hour": "hour", "Day": "day", "Week": "week", "Month": "month", "Year": "year"}
_DIGITS = re.compile(r"-?(?:\d[\d,٬]*(?:[.٫]\d+)?|[.٫]\d+)")


def read_cases(path: Path) -> list[dict]:
    from riwaya.errors import EvalError

    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError) as err:
        raise EvalError(f"{path}: not a readable UTF-8 TSV ({err})") from err
    if not rows or not {"dimension", "expression", "value", "unit", "extra"} <= set(rows[0]):
        raise EvalError(f"{path}: expected columns dimension, expression, value, unit, extra")
    return rows


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _in_unit(value: float | None, unit: str | None, want: str) -> tuple[float | None, str | None]:
    """``value`` in ``unit`` converted to the unit Duckling states (kg -> g) when both measure alike."""
    from riwaya.extract.quantity_lexicon import lexicon

    if value is None or unit is None or unit == want:
        return value, unit
    units = {u.id: u for u in lexicon().units.values()}
    a, b = units.get(unit), units.get(want)
    if a and b and a.base and a.base == b.base:
        return value * a.factor / b.factor, want
    return value, unit


def right(row: dict, q) -> bool:
    """Whether reading ``q`` (a Quantity or None) has the row's value (and unit, range, bound)."""
    dim = row["dimension"]
    if dim == "negative-quantity":
        return q is None
    if q is None:
        return False
    extra = row["extra"].split(";")
    want_unit = UNITS.get(row["unit"]) if row["unit"] else None
    if "interval" in extra and ".." in row["value"]:
        lo, hi = (float(x) for x in row["value"].split(".."))
        return _close(q.low, lo) and _close(q.high, hi) and (want_unit is None or q.unit == want_unit)
    want = float(row["value"])
    if "min" in extra:
        got = q.low
    elif "max" in extra:
        got = q.high
    else:
        got = q.value
    if dim == "numeral":
        return _close(got, want)
    got, unit = _in_unit(got, q.unit, want_unit)
    return _close(got, want) and unit == want_unit


def riwaya_phrase(text: str):
    from riwaya.extract.quantities import read_quantity

    return read_quantity(text)


def riwaya_running(text: str):
    from riwaya.extract.quantities import find_quantities

    found = find_quantities(text)
    return max(found, key=lambda q: q.end - q.start, default=None)


def digits_only(text: str):
    from riwaya.model import Quantity
    from riwaya.text.normalise import match

    m = _DIGITS.search(match(text))
    if not m:
        return None
    try:
        v = float(m.group().replace(",", "").replace("٬", "").replace("٫", "."))
    except ValueError:
        return None
    return Quantity(start=m.start(), end=m.end(), text=m.group(), value=v, low=v, high=v)


def puckling_reader():
    """A reader built on puckling, or None where it cannot be imported (it needs Python >= 3.13)."""
    try:
        import datetime as dt

        import puckling  # type: ignore[import-not-found]
    except Exception:  # noqa: BLE001 - any failure to import means: not available here
        return None
    from riwaya.model import Quantity

    ctx = puckling.Context(reference_time=dt.datetime(2018, 3, 1, tzinfo=dt.timezone.utc),
                           locale=puckling.Locale(puckling.Lang.AR))
    dims = ("numeral", "quantity", "amount_of_money", "duration", "temperature", "volume")
    currency = {"USD": "USD", "EUR": "EUR", "GBP": "GBP", "EGP": "EGP", "SAR": "SAR", "QAR": "QAR",
                "KWD": "KWD", "LBP": "LBP", "JOD": "JOD", "ILS": "ILS", "Pound": "pound", "cent": "cent"}

    units = {"gram": "g", "ounce": "oz", "litre": "l", "millilitre": "ml", "gallon": "gal", "hectolitre": "hl"}

    def read(text: str):
        try:
            ents = puckling.parse(text, ctx, puckling.Options(), dims=dims)
        except Exception:  # noqa: BLE001 - a baseline that fails on a phrase reads nothing
            return None
        if not ents:
            return None
        e = max(ents, key=lambda x: len(x.body))
        v = e.value
        val = getattr(v, "value", None)
        lo = getattr(getattr(v, "from_", None), "value", None) or val
        hi = getattr(getattr(v, "to", None), "value", None) or val
        unit = getattr(v, "currency", None) or getattr(v, "unit", None) or getattr(v, "grain", None)
        unit = str(getattr(unit, "value", unit)) if unit is not None else None
        unit = currency.get(unit, units.get(unit, unit))
        return Quantity(start=0, end=len(text), text=text, value=val, low=lo, high=hi, unit=unit)

    return read


def evaluate(rows: list[dict]) -> dict:
    readers = {"riwaya": riwaya_phrase, "riwaya running text": riwaya_running, "digits only": digits_only}
    puck = puckling_reader()
    if puck:
        readers["puckling"] = puck
    out: dict = {"readers": list(readers), "puckling": bool(puck), "dimensions": {}, "misses": []}
    groups = {d: [r for r in rows if r["dimension"] == d] for d in DIMENSIONS}
    groups["numeral+quantity"] = groups["numeral"] + groups["quantity"]
    results = {name: {id(r): right(r, read(r["expression"])) for r in rows if r["dimension"] in DIMENSIONS}
               for name, read in readers.items()}
    for g, rs in groups.items():
        if not rs:
            continue
        out["dimensions"][g] = {"n": len(rs), **{
            name: round(sum(res[id(r)] for r in rs) / len(rs), 4) for name, res in results.items()}}
    out["misses"] = [f"{r['dimension']}\t{r['expression']}\t{r['value']}" for r in rows
                     if r["dimension"] in DIMENSIONS and not results["riwaya"][id(r)]]
    return out


@click.command(name="numbers")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--misses", is_flag=True, help="List the phrases riwaya reads wrong.")
def command(path, as_json, misses):
    """Score number and quantity reading on Duckling's Arabic phrases (default: ../shared/eval/numbers)."""
    path = Path(path) if path else Path(shared(*DEFAULT))
    out = evaluate(read_cases(path))
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    names = out["readers"]
    click.echo(f"share of phrases read to Duckling's value, {path}")
    click.echo(f"{'dimension':<18} {'n':>4} " + " ".join(f"{n:>20}" for n in names))
    for g, d in out["dimensions"].items():
        click.echo(f"{g:<18} {d['n']:>4} " + " ".join(f"{d[n]:>20.3f}" for n in names))
    if not out["puckling"]:
        click.echo("puckling: not importable here (it needs Python >= 3.13); see docs/BENCHMARKS.md")
    nq = out["dimensions"]["numeral+quantity"]["riwaya"]
    click.echo(f"numeral+quantity right {nq:.3f} (target 0.95)")
    if misses:
        for m in out["misses"]:
            click.echo("miss\t" + m)
