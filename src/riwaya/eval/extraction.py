"""``riwaya eval extraction``: main text and page date of HTML pages, scored on two public benchmarks.

* ScrapingHub article-extraction-benchmark (181 pages + gold ``articleBody``): token-level
  precision, recall and F1 computed as that benchmark's ``evaluate.py`` does (``\\w+`` tokens,
  counted as 4-token shingles, tp/fp/fn normalised per page, precision and recall averaged over
  pages, F1 from the averages), plus the same on single tokens (n=1).
* trafilatura's evaluation pages, non-German subset (312 pages + snippets that must / must not be
  in the main text, and the page date for 213 of them): snippet precision and recall pooled over
  all pages, and date accuracy on the dated pages.

Our extraction (``riwaya.ingest.html.read``) is scored beside plain ``trafilatura.extract(html)``
and ``htmldate.find_date(html, url=url)`` (their defaults; htmldate also with ``original_date=True``),
run in the same command on the same pages; both sides go through the same tokeniser and the same
whitespace normalisation.
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
    """A benchmark page: UTF-8 (both READMEs), else riwaya's decoder, else UTF-8 with replacements."""
    from riwaya.errors import InputError
    from riwaya.ingest.encoding import decode

    try:
        data = gzip.decompress(path.read_bytes())
    except OSError as err:
        raise EvalError(f"{path}: not a readable gzip file ({err})") from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return decode(data, str(path))[0]
    except InputError:
        return data.decode("utf-8", "replace")


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
        real_url = url if url.startswith(("http://", "https://")) else None  # some keys are "hard::<file>"
        yield Page(item["file"], _read_gz(folder / "html" / f"{item['file']}.gz"), real_url,
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


def _htmldate(page: Page, **options) -> Output:
    import htmldate

    t = time.perf_counter()
    try:
        date = htmldate.find_date(page.html, url=page.url, **options)
    except (ValueError, TypeError):
        date = None
    return Output("", date, time.perf_counter() - t)


def plain_htmldate(page: Page) -> Output:
    """htmldate with its defaults (the baseline the acceptance names)."""
    return _htmldate(page)


def htmldate_original(page: Page) -> Output:
    """htmldate asked for the original (publication) date, not the last update: a stronger baseline."""
    return _htmldate(page, original_date=True)


SYSTEMS: dict[str, Callable[[Page], Output]] = {"riwaya": ours, "trafilatura": plain_trafilatura}
DATERS: dict[str, Callable[[Page], Output]] = {"htmldate": plain_htmldate, "htmldate_original": htmldate_original}


def score_scrapinghub(pages, systems=SYSTEMS) -> dict:
    """Shingle (n=4, the benchmark's own) and token (n=1) scores and ms/page per system."""
    per = {name: {"n4": [], "n1": [], "seconds": 0.0} for name in systems}
    for page in pages:
        for name, fn in systems.items():
            out = fn(page)
            per[name]["n4"].append(match(page.body, out.text, 4))
            per[name]["n1"].append(match(page.body, out.text, 1))
            per[name]["seconds"] += out.seconds
    return {name: {"shingle4": prf(v["n4"]), "token": prf(v["n1"]),
                   "ms_per_page": 1000 * v["seconds"] / max(1, len(v["n4"]))} for name, v in per.items()}


def score_nonde(pages, systems=SYSTEMS, daters=DATERS) -> dict:
    """Snippet scores per text system, date accuracy for riwaya and each dater, ms/page for each."""
    texts = {name: [] for name in systems}
    dates = {name: [0, 0] for name in ("riwaya", *daters)}
    seconds = {name: 0.0 for name in [*systems, *daters]}
    n = 0
    for page in pages:
        n += 1
        outs = {name: fn(page) for name, fn in {**systems, **daters}.items()}
        for name, out in outs.items():
            seconds[name] += out.seconds
            if name in texts:
                texts[name].append(snippet_counts(out.text, page.must, page.must_not))
            if name in dates and page.date:
                dates[name][0] += 1
                dates[name][1] += (out.date or "")[:10] == page.date
    res: dict = {name: {"ms_per_page": 1000 * s / max(1, n)} for name, s in seconds.items()}
    for name, counts in texts.items():
        res[name]["snippets"] = snippet_prf(counts)
    for name, (total, ok) in dates.items():
        if name in res:
            res[name]["dates"] = {"dated_pages": total, "correct": ok, "accuracy": ok / total if total else 0.0}
    return res


def _fmt(s: dict) -> str:
    return f"P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"


@click.command(name="extraction")
@click.option("--shared", "shared", type=click.Path(file_okay=False), default=None,
              help="Folder holding eval/extraction/... (default: ../shared beside the checkout, "
                   "RIWAYA_SHARED overrides).")
@click.option("--limit", type=int, default=None, help="Score only the first N pages of each benchmark.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(shared, limit, as_json):
    """Main text and page date of HTML pages against plain trafilatura and htmldate.

    ScrapingHub article-extraction-benchmark: token precision/recall/F1 of the article body (the
    benchmark's 4-token shingles, and single tokens). trafilatura's evaluation pages (non-German):
    must / must-not snippet precision and recall, and page-date accuracy. Baselines are
    trafilatura.extract(html) and htmldate.find_date(html, url=url) with their defaults (and htmldate
    with original_date=True), run here.
    """
    import os

    # default: ../shared beside the checkout (this file is <checkout>/src/riwaya/eval/extraction.py)
    root = Path(shared or os.environ.get("RIWAYA_SHARED") or Path(__file__).resolve().parents[4] / "shared")
    sh_dir, nd_dir = root / SCRAPINGHUB, root / NONDE
    for d in (sh_dir, nd_dir):
        if not d.is_dir():
            raise EvalError(f"{d} is missing: pass --shared DIR (the folder that holds eval/extraction)")
    for first in (*scrapinghub_pages(sh_dir, 1), *nonde_pages(nd_dir, 1)):  # warm up: nothing timed
        for fn in (*SYSTEMS.values(), *DATERS.values()):
            fn(first)
    result = {"scrapinghub": score_scrapinghub(scrapinghub_pages(sh_dir, limit)),
              "trafilatura_eval_nonde": score_nonde(nonde_pages(nd_dir, limit))}
    if as_json:
        click.echo(json.dumps(result, indent=1))
        return
    sh = result["scrapinghub"]
    click.echo(f"ScrapingHub article-extraction-benchmark ({sh['riwaya']['token']['pages']} pages), article body:")
    for name, r in sh.items():
        click.echo(f"  {name:<12} shingles(4) {_fmt(r['shingle4'])} | tokens {_fmt(r['token'])}"
                   f" | {r['ms_per_page']:.0f} ms/page")
    nd = result["trafilatura_eval_nonde"]
    click.echo(f"trafilatura eval, non-German ({nd['riwaya']['snippets']['pages']} pages), snippets:")
    for name in SYSTEMS:
        click.echo(f"  {name:<12} {_fmt(nd[name]['snippets'])} | {nd[name]['ms_per_page']:.0f} ms/page")
    click.echo("  page dates:")
    for name in ("riwaya", *DATERS):
        d = nd[name]["dates"]
        click.echo(f"  {name:<18} {d['correct']}/{d['dated_pages']} = {d['accuracy']:.3f}"
                   + (f" | {nd[name]['ms_per_page']:.0f} ms/page" if name in DATERS else " (time in text row)"))
