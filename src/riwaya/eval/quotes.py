"""``riwaya eval quotes [GOLD]``: quotes found against the quotes we labelled on ANT articles.

Gold (default ``labels/quotes-ant/gold.jsonl``, see its README): 66 Arabic ANT articles of 8 and
20 March and 12 April 2018, each with its quotes as character offsets into the article's text as
``riwaya.text.clean.clean`` gives it (one document at a time, no corpus furniture model), a short
sha1 of every span, the speaker's span and the spans of the media relaying it. The articles are
read from the ANT archive in ../shared; an article whose cleaned text no longer hashes as labelled
is reported and left out (cleaning has drifted: relabel or re-anchor).

Scores, in the same run, for riwaya's ``quotes`` stage and two baselines:

- quote precision, recall, F1: a found quote matches a gold one when their spans overlap by at
  least half of the gold span (each used once, largest overlap first);
- speaker accuracy on matched quotes: right when both are empty, or the spans overlap, or they
  share a word that is not a title (``titles`` in data/quotes.json: الرئيس، وزير، المتحدث ...);
- via accuracy on matched quotes: the relaying media found are the gold ones (every gold one
  overlapped by a found one and the other way round; none and none counts as right);
- direct accuracy on matched quotes.

Baselines: *quotation marks only* (every pair of marks is a direct quote, no speaker) and
*verb + أن only* (a speech verb of data/quotes.json followed within three words by a
complementizer: the words to the end of the sentence, the words between as the speaker).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import click

from riwaya.eval import ANT_ARCHIVE

GOLD = Path(__file__).resolve().parents[3] / "labels" / "quotes-ant" / "gold.jsonl"


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def load_gold(path: Path) -> dict[str, dict]:
    from riwaya.errors import EvalError

    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as err:
        raise EvalError(f"{path}: not a readable quotes gold file ({err})") from err
    return {r["docno"]: r for r in rows}


def read_articles(archive: str, docnos: set[str]) -> dict[str, object]:
    """The gold articles, cleaned one at a time and split into sentences, by DOCNO."""
    from riwaya.ingest import read
    from riwaya.model import Document
    from riwaya.text.clean import clean
    from riwaya.text.sentences import sentences

    out = {}
    for doc in read([archive]):
        if isinstance(doc, Document) and doc.source.external_id in docnos and doc.source.external_id not in out:
            out[doc.source.external_id] = sentences(clean(doc))
    return out


# --- systems ----------------------------------------------------------------------------------
def riwaya_quotes(article) -> list[dict]:
    from riwaya.extract.quotes import find_quotes

    return [_as_dict(q.start, q.end, q.direct, q.speaker, q.via) for q in find_quotes(article)]


def marks_only(article) -> list[dict]:
    from riwaya.extract.quote_marks import all_pairs

    return [_as_dict(m.start, m.end, True, None, ()) for m in all_pairs(article.text, article.paragraphs)
            if m.end - m.start > 1]


def verb_that_only(article) -> list[dict]:
    from riwaya.extract.quote_lexicon import lexicon, norm

    lex, text, out = lexicon(), article.text, []
    import re

    for s in article.layer("sentences"):
        toks = [(m.start(), m.end(), norm(m.group())) for m in re.finditer(r"\w+", text[s.start:s.end])]
        for i, (a, b, w) in enumerate(toks):
            if not lex.verb(w):
                continue
            for j in range(i + 1, min(len(toks), i + 5)):
                if lex.is_complementizer(toks[j][2]):
                    if j + 1 < len(toks):
                        start = s.start + toks[j + 1][0]
                        spk = (s.start + toks[i + 1][0], s.start + toks[j - 1][1]) if j > i + 1 else None
                        out.append(_as_dict(start, s.end, False, spk, ()))
                    break
    return out


def _as_dict(start, end, direct, speaker, via) -> dict:
    def span(x):
        if x is None:
            return None
        return {"start": x[0], "end": x[1]} if isinstance(x, tuple) else {"start": x.start, "end": x.end}

    return {"start": start, "end": end, "direct": direct, "speaker": span(speaker), "via": [span(v) for v in via]}


SYSTEMS = {"riwaya (quotes stage)": riwaya_quotes, "baseline: quotation marks only": marks_only,
           "baseline: speech verb + أن only": verb_that_only}


# --- scoring ----------------------------------------------------------------------------------
def _overlap(p: dict, q: dict) -> int:
    return max(0, min(p["end"], q["end"]) - max(p["start"], q["start"]))


def _words(text: str) -> set[str]:
    from riwaya.extract.quote_lexicon import lexicon, norm

    lex = lexicon()
    out = set()
    for w in text.replace("_", " ").split():
        w = norm(w.strip("#،,.:\"“”«»()"))
        if len(w) > 1 and not lex.lookup(w, lex.titles):
            out.add(w)
    return out


def same_speaker(text: str, gold: dict | None, found: dict | None) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    if _overlap(gold, found) > 0:
        return True
    return bool(_words(text[gold["start"]:gold["end"]]) & _words(text[found["start"]:found["end"]]))


def same_via(gold: list, found: list) -> bool:
    return all(any(_overlap(g, f) > 0 for f in found) for g in gold) and \
        all(any(_overlap(g, f) > 0 for g in gold) for f in found)


def match(gold: list[dict], found: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of (gold, found) overlapping by at least half the gold span, largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, f in enumerate(found):
            o = _overlap(g, f)
            if o > 0 and o >= 0.5 * (g["end"] - g["start"]):
                cands.append((o, i, j))
    used_g, used_f, pairs = set(), set(), []
    for o, i, j in sorted(cands, reverse=True):
        if i not in used_g and j not in used_f:
            used_g.add(i)
            used_f.add(j)
            pairs.append((gold[i], found[j]))
    return pairs


def score(items: list[tuple[str, list[dict], list[dict]]]) -> dict:
    """``items``: (article text, gold quotes, found quotes) per article."""
    tp = n_gold = n_found = spk = via = direct = via_gold = via_gold_ok = 0
    for text, gold, found in items:
        pairs = match(gold, found)
        tp += len(pairs)
        n_gold += len(gold)
        n_found += len(found)
        for g, f in pairs:
            spk += same_speaker(text, g["speaker"], f["speaker"])
            via += same_via(g["via"], f["via"])
            direct += g["direct"] == f["direct"]
            if g["via"]:
                via_gold += 1
                via_gold_ok += same_via(g["via"], f["via"])
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"gold": n_gold, "found": n_found, "matched": tp, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "speaker_accuracy": round(spk / tp, 4) if tp else 0.0,
            "via_accuracy": round(via / tp, 4) if tp else 0.0,
            "via_accuracy_where_gold_has_via": round(via_gold_ok / via_gold, 4) if via_gold else 0.0,
            "direct_accuracy": round(direct / tp, 4) if tp else 0.0}


def evaluate(gold_path: Path = GOLD, archive: str = ANT_ARCHIVE, days: tuple[str, ...] = ()) -> dict:
    """Every system's scores on the gold articles (of ``days``, YYYYMMDD, when given)."""
    from riwaya.errors import EvalError

    gold = load_gold(Path(gold_path))
    if days:
        gold = {d: g for d, g in gold.items() if d.endswith(days)}
    if not Path(archive).exists():
        raise EvalError(f"{archive}: ANT archive not found (the gold articles are read from it)")
    arts = read_articles(archive, set(gold))
    items, drifted, missing = [], [], []
    for docno, g in gold.items():
        a = arts.get(docno)
        if a is None:
            missing.append(docno)
        elif sha(a.text) != g["text_sha1"] or any(sha(a.text[q["start"]:q["end"]]) != q["sha1"] for q in g["quotes"]):
            drifted.append(docno)
        else:
            items.append((docno, a, g["quotes"]))
    rows = {name: score([(a.text, q, fn(a)) for _, a, q in items]) for name, fn in SYSTEMS.items()}
    return {"gold": str(gold_path), "articles": len(items), "drifted": drifted, "missing": missing, "rows": rows}


@click.command(name="quotes")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--archive", default=ANT_ARCHIVE, show_default=True, help="The ANT archive the gold articles come from.")
@click.option("--day", "days", multiple=True, help="Only gold articles of this day (YYYYMMDD); repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(gold, archive, days, as_json):
    """Score the quotes stage (quote F1, speaker, via and direct accuracy) on GOLD (default: our
    labels in labels/quotes-ant/gold.jsonl), beside a marks-only and a verb+أن-only baseline."""
    out = evaluate(Path(gold) if gold else GOLD, archive, tuple(days))
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    click.echo(f"{out['articles']} gold articles from {out['gold']}"
               + (f"; {len(out['drifted'])} left out, cleaned text drifted: {' '.join(out['drifted'])}"
                  if out["drifted"] else "")
               + (f"; {len(out['missing'])} not in the archive" if out["missing"] else ""))
    click.echo(f"{'system':<36} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6} {'spkr':>6} {'via':>6} {'dir':>6}")
    for name, r in out["rows"].items():
        click.echo(f"{name:<36} {r['gold']:>5} {r['found']:>5} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                   f"{r['speaker_accuracy']:6.3f} {r['via_accuracy']:6.3f} {r['direct_accuracy']:6.3f}")
    r = out["rows"]["riwaya (quotes stage)"]
    click.echo(f"quote F1 {r['f1']:.3f}")
    click.echo(f"speaker accuracy {r['speaker_accuracy']:.3f}")
    click.echo(f"via accuracy {r['via_accuracy']:.3f} (where gold names a medium: "
               f"{r['via_accuracy_where_gold_has_via']:.3f})")
