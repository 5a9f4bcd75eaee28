"""``riwaya eval extraction``: main text and page date of HTML pages, scored on two public benchmarks.

* ScrapingHub article-extraction-benchmark (181 pages + gold ``articleBody``): token-level
  precision, recall and F1 computed as that benchmark's ``evaluate.py`` does (``\\w+`` tokens,
  counted as 4-token shingles, tp/fp/fn normalised per page, precision and recall averaged over
  pages, F1 from the averages), plus the same on single tokens (n=1).
* trafilatura's evaluation pages, non-German subset (312 pages + snippets that must / must not be
  in the main text, and the page date for 213 of them): snippet precision and recall pooled over
  all pages, and date accuracy on the dated pages.

Our extraction (``riwaya.ingest.html.read``) is scored beside plain ``trafilatura.extract(html)``
and ``htmldate.find_date(html, url=url)`` (their defaults), run in the same command on the same
pages; both sides go through the same tokeniser and the same whitespace normalisation.
"""
from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import click

from riwaya.errors import EvalError

SCRAPINGHUB = Path("eval", "extraction", "scrapinghub-article-extraction-benchmark")
NONDE = Path("eval", "extraction", "trafilatura-eval-nonde")
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- scoring ------------------------

def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int) -> Counter:
    toks = tokens(text)
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def match(true: str | None, pred: str | None, n: int = 4) -> tuple[float, float, float]:
    """``(tp, fp, fn)`` over n-token shingles, normalised to sum to 1 (each page weighs the same)."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def prf(counts: list[tuple[float, float, float]]) -> dict:
    """Macro precision and recall over pages (the benchmark's evaluate.py), F1 from the two."""
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pages": len(counts)}


def flat(text: str | None) -> str:
    """The form both systems' output and the snippets are compared in: NFC, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def snippet_counts(text: str | None, must: list[str], must_not: list[str]) -> tuple[int, int, int, int]:
    """``(tp, fn, fp, tn)``: must-snippets found / missed, must-not snippets found / absent."""
    t = flat(text)
    found = [flat(s) in t for s in must]
    leaked = [flat(s) in t for s in must_not]
    return sum(found), len(found) - sum(found), sum(leaked), len(leaked) - sum(leaked)


def snippet_prf(counts: list[tuple[int, int, int, int]]) -> dict:
    tp, fn, fp, tn = (sum(c[i] for c in counts) for i in range(4))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "accuracy": (tp + tn) / (tp + fn + fp + tn) if counts else 0.0, "pages": len(counts)}


# ---------------------------------------------------------------- data -----------------------------

@dataclass(frozen=True)
class Page:
    key: str
    html: str
    url: str | None
    body: str | None = None  # gold article body (ScrapingHub)
    must: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    date: str | None = None  # gold page date YYYY-MM-DD (trafilatura eval)


def _read_gz(path: Path) -> str:
    from riwaya.ingest.encoding import decode

    try:
        data = gzip.decompress(path.read_bytes())
    except OSError as err:
        raise EvalError(f"{path}: not a readable gzip file ({err})") from err
    return decode(data, str(path))[0]


def _load_json(path: Path) -> dict:
    if not path.is_file():
        raise EvalError(f"{path} is missing (see the folder's README for the layout)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise EvalError(f"{path}: not JSON ({err})") from err


def scrapinghub_pages(folder: Path, limit: int | None = None) -> Iterator[Page]:
    gold = _load_json(folder / "ground-truth.json")
    for key in sorted(gold)[:limit]:
        item = gold[key]
        yield Page(key, _read_gz(folder / "html" / f"{key}.html.gz"), item.get("url"),
                   body=item.get("articleBody", ""))


def nonde_pages(folder: Path, limit: int | None = None) -> Iterator[Page]:
    gold = _load_json(folder / "evaldata.json")
    for url in sorted(gold)[:limit]:
        item = gold[url]
        yield Page(item["file"], _read_gz(folder / "html" / f"{item['file']}.gz"), url,
                   must=list(item.get("with") or []), must_not=list(item.get("without") or []),
                   date=item.get("date") or None)


# ---------------------------------------------------------------- systems --------------------------

@dataclass(frozen=True)
class Output:
    text: str
    date: str | None
    seconds: float


def ours(page: Page) -> Output:
    from riwaya.errors import InputError
    from riwaya.ingest import html
    from riwaya.model import Source

    t = time.perf_counter()
    try:
        doc = html.read(Source(page.key), page.html, url=page.url)
        text, date = doc.body, doc.published
    except InputError:
        text, date = "", None
    return Output(text, (date or "")[:10] or None, time.perf_counter() - t)


def plain_trafilatura(page: Page) -> Output:
    import trafilatura

    t = time.perf_counter()
    text = trafilatura.extract(page.html) or ""
    return Output(text, None, time.perf_counter() - t)


def plain_htmldate(page: Page) -> Output:
    import htmldate

    t = time.perf_counter()
    try:
        date = htmldate.find_date(page.html, url=page.url)
    except (ValueError, TypeError):
        date = None
    return Output("", date, time.perf_counter() - t)


SYSTEMS: dict[str, Callable[[Page], Output]] = {"riwaya": ours, "trafilatura": plain_trafilatura}


def score_scrapinghub(pages, systems=SYSTEMS) -> dict:
    per = {name: {"n4": [], "n1": [], "seconds": 0.0} for name in systems}
    for page in pages:
        for name, fn in systems.items():
            out = fn(page)
            per[name]["n4"].append(match(page.body, out.text, 4))
            per[name]["n1"].append(match(page.body, out.text, 1))
            per[name]["seconds"] += out.seconds
    return {name: {"shingle4": prf(v["n4"]), "token": prf(v["n1"]),
                   "ms_per_page": 1000 * v["seconds"] / max(1, len(v["n4"]))} for name, v in per.items()}


def score_nonde(pages, systems=SYSTEMS, dater=plain_htmldate) -> dict:
    names = list(systems) + ["htmldate"]
    per = {name: {"snip": [], "dates": [0, 0], "seconds": 0.0} for name in names}
    for page in pages:
        outs = {name: fn(page) for name, fn in systems.items()}
        outs["htmldate"] = dater(page)
        for name, out in outs.items():
            if name != "htmldate":
                per[name]["snip"].append(snippet_counts(out.text, page.must, page.must_not))
            if page.date and (name != "trafilatura"):
                per[name]["dates"][0] += 1
                per[name]["dates"][1] += (out.date or "")[:10] == page.date
            per[name]["seconds"] += out.seconds
    res = {}
    for name, v in per.items():
        n = max(1, len(v["snip"]) or sum(1 for _ in v["snip"]))
        r = {"ms_per_page": 1000 * v["seconds"] / n}
        if name != "htmldate":
            r["snippets"] = snippet_prf(v["snip"])
        if name != "trafilatura":
            r["dates"] = {"dated_pages": v["dates"][0], "correct": v["dates"][1],
                          "accuracy": v["dates"][1] / v["dates"][0] if v["dates"][0] else 0.0}
        res[name] = r
    return res
