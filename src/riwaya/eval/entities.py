"""``riwaya eval entities [ARCHIVE]``: canonical entities against our labelled form groups.

The gold (``labels/entities-ant/groups.tsv``) groups names that are one entity (ترامب / ترمب / دونالد
ترامب) and keeps apart names that are not (the two الحريري). There is no NER here: each labelled form
is found in the cleaned text of the ANT articles of the labelled days (at word edges, with an attached
و ف ب ل ك; the longest form wins where two overlap), and each article's mentions go to the matcher in
archive order, as the corpus stage takes them. Each distinct mention text gets the entity most of its
mentions got. Scored: pairwise merge precision, recall and F1 over the distinct mention texts (a pair
is a merge when both texts have one entity), and the wrong merges. Baselines in the same run: the
exact matching form (``text.normalise.match``), and the matching form with the attached clitic and
the article taken off (``entity_forms.form`` with nothing known).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import click

GOLD = Path("labels", "entities-ant", "groups.tsv")
ARCHIVE = Path("corpora", "ant-2018.tar.gz")
DAYS = ("20180310", "20180322", "20180404")


def read_gold(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(form -> group, form -> label)."""
    from riwaya.errors import EvalError

    group, label = {}, {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise EvalError(f"{path}: cannot read the entity groups ({err})") from err
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        g, lab, forms = line.split("\t")
        for f in forms.split("|"):
            group[f], label[f] = g, lab
    return group, label


def mentions(text: str, label: dict[str, str]) -> list:
    from riwaya.model import Mention

    pat = re.compile(r"(?<!\w)(?:[وفبلك])?(?:" + "|".join(re.escape(f) for f in sorted(label, key=len, reverse=True))
                     + r")(?!\w)")
    out = []
    for m in pat.finditer(text):
        bare = m.group()
        base = bare if bare in label else bare[1:]
        out.append(Mention(start=m.start(), end=m.end(), text=bare, label=label[base]))
    return out


def articles(archive: Path, days=DAYS) -> list[str]:
    from riwaya.ingest import read
    from riwaya.text.clean import clean

    out = []
    for d in read([str(archive)]):
        src = (d.source.member or "") + (d.source.external_id or "")
        if any(x in src for x in days):
            out.append(clean(d).text)
    return out


def predict(texts: list[str], label: dict[str, str], system: str) -> dict[str, str]:
    """Each distinct mention text -> its (majority) entity under ``system``."""
    from riwaya.extract.canonical import Matcher
    from riwaya.extract.entity_forms import form
    from riwaya.text.normalise import match

    votes: dict[str, Counter] = {}
    matcher = Matcher()
    for text in texts:
        ms = mentions(text, label)
        if system == "riwaya":
            ids = [ln.entity if ln else None for ln in matcher.link(ms)]
        elif system == "exact":
            ids = [f"{m.label}:{match(m.text)}" for m in ms]
        else:
            ids = [f"{m.label}:{(form(m.text) or form('x')).key}" for m in ms]
        for m, i in zip(ms, ids):
            votes.setdefault(m.text, Counter())[i] += 1
    return {t: c.most_common(1)[0][0] for t, c in votes.items()}


def score(pred: dict[str, str], gold_of) -> dict:
    texts = sorted(pred)
    tp = fp = fn = 0
    wrong = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            same_gold, same_pred = gold_of(a) == gold_of(b), pred[a] == pred[b]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
            if same_pred and not same_gold:
                wrong.append((a, b))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "fp": fp, "fn": fn, "forms": len(texts), "wrong_merges": wrong[:20]}


def evaluate(archive: Path, gold: Path = GOLD) -> dict:
    group, label = read_gold(gold)
    texts = articles(archive)

    def gold_of(t: str) -> str:
        return group[t] if t in group else group[t[1:]]

    return {"articles": len(texts), **{s: score(predict(texts, label, s), gold_of)
                                       for s in ("riwaya", "exact", "clitics")}}


@click.command(name="entities")
@click.argument("archive", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=f"Form groups (default: {GOLD}).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(archive: Path | None, gold: Path | None, as_json: bool) -> None:
    """Score canonical entities (pairwise merges of spellings) on our ANT labels, beside baselines."""
    root = Path(__file__).resolve().parents[3]
    archive = archive or root.parent / "shared" / ARCHIVE
    rep = evaluate(archive, gold or root / GOLD)
    if as_json:
        click.echo(json.dumps(rep, ensure_ascii=False, indent=1))
        return
    click.echo(f"{rep['articles']} articles of ANT {', '.join(DAYS)}")
    for s, name in (("riwaya", "riwaya matcher"), ("exact", "exact matching form"),
                    ("clitics", "matching form + clitics")):
        r = rep[s]
        click.echo(f"{name:26s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
                   f"wrong merges {r['fp']}  ({r['forms']} forms)")
    for a, b in rep["riwaya"]["wrong_merges"]:
        click.echo(f"  wrong merge: {a} / {b}")
