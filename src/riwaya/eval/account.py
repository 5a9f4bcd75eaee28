"""``riwaya eval account [GOLD]``: agree / update / conflict calls against the figures we labelled on
ANT stories (``labels/account-ant``, see its README and GUIDELINES).

Gold: every figure mention (``items.jsonl``: the quantities layer's items and the dates after the
publication day) of 72 stories told by at least two outlets on eight ANT days, each given the measure
it counts (or none), and every two mentions of one measure from different articles an
``agree`` (the default), ``update`` or ``conflict``. The articles are read from the ANT archive,
cleaned one at a time and analysed by the per-article stages the account reads; a mention whose span
no longer hashes as labelled is reported and left out (cleaning drifted: re-anchor).

The unit scored is a *pair* of mentions from different articles of one story (same kind: figure or
date). Gold says ``different`` (not one measure), ``agree``, ``update`` or ``conflict``. A system
says the same: riwaya's account keeps, on each fact, the pairs of its mentions that do not agree and
whether each is an update or a conflict (``Call.relations``); two mentions of one fact not among them
agree; mentions in different facts (or out of the account) are ``different``. Scores: conflict precision / recall / F1 over pairs; the false-conflict rate, the share of
gold-agreeing pairs called conflict; update precision / recall; and, per fact, conflict recall over
gold measures with a conflict (found when any of its conflicting pairs is called conflict) and
precision over the facts the system calls conflict (right when one of its cross-side pairs is a gold
conflict). Pairs are many where a story is big (one toll reported 40 times), so the fact-level
figures are printed beside them.

Baselines in the same run: *same noun, any difference* (mentions with the same counted noun or the
same unit are one measure; different values conflict) and *riwaya's facts, exact equality* (the
account's grouping, but any two different figures in a fact conflict, no tolerance and no time).

Blocks: ``all`` (every labelled pair) always; with ``--split`` (the default for our labels) also the
two halves of the eight days, ``A`` (10 and 31 March, 4 and 24 April 2018) and ``B`` (22 March, 8
and 18 April, 15 May), for leave-days-out checks (a rule written looking at one half is checked on
the other). All eight days are development data now: a set never looked at is labelled apart
(``--gold``/``--items`` score any set in this format, e.g. ``labels/account-ant/fresh``).
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import click

from riwaya.eval import ANT_ARCHIVE

LABELS = Path(__file__).resolve().parents[3] / "labels" / "account-ant"
GOLD = LABELS / "gold.jsonl"
ITEMS = LABELS / "items.jsonl"
DAYS_A = ("20180310", "20180331", "20180404", "20180424")
DAYS_B = ("20180322", "20180408", "20180418", "20180515")
STAGES = ("language", "sentences", "dates", "published", "quantities")
RELATIONS = ("different", "agree", "update", "conflict")


def sha8(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:8]


def pipeline():
    """The per-article stages the account reads, in the default pipeline's order."""
    from riwaya.pipeline import Pipeline, registered

    reg = registered()
    return Pipeline([reg[n] for n in STAGES if n in reg])


def articles(archive: str, docnos: set[str]) -> dict[str, object]:
    """The analysed articles by DOCNO, cleaned one at a time (one text filed under two DOCNOs: the
    first DOCNO only)."""
    from riwaya.ingest import read
    from riwaya.model import Document
    from riwaya.text.clean import clean

    pipe = pipeline()
    out, seen = {}, set()
    for doc in read([archive]):
        if not isinstance(doc, Document) or doc.source.external_id not in docnos:
            continue
        a = clean(doc)
        if a.id in seen or doc.source.external_id in out:
            continue
        seen.add(a.id)
        out[doc.source.external_id] = pipe(a)
    return out


def load_jsonl(path: Path) -> list[dict]:
    from riwaya.errors import EvalError

    try:
        return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as err:
        raise EvalError(f"{path}: not a readable JSON-lines file ({err})") from err


def gold_labels(rows: list[dict]) -> tuple[dict[str, str | None], dict[frozenset, str]]:
    """(item -> measure, {item pair -> update|conflict}) from a labels file (a pass or the gold)."""
    measure = {r["item"]: r.get("measure") for r in rows if "item" in r}
    pairs = {frozenset(r["pair"]): r["relation"] for r in rows if "pair" in r}
    return measure, pairs


def gold_relation(a: dict, b: dict, measure: dict, pairs: dict) -> str:
    ma, mb = measure.get(a["id"]), measure.get(b["id"])
    if ma is None or ma != mb:
        return "different"
    return pairs.get(frozenset((a["id"], b["id"])), "agree")


def candidate_pairs(items: list[dict]) -> list[tuple[dict, dict]]:
    """Every two items of one story from different articles and of one kind."""
    by = defaultdict(list)
    for it in items:
        by[(it["story"], it["kind"])].append(it)
    out = []
    for group in by.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a["docno"] != b["docno"]:
                    out.append((a, b))
    return out


# --- systems: each maps a story's items to {item pair: relation} -----------------------------------------
def riwaya_calls(story_items: list[dict], arts: dict[str, object]) -> list:
    """The account's verdicts on one story's articles, as ``AccountStage`` makes them (each article
    read as a reader sees it; a story day for the articles whose own date is missing)."""
    from riwaya.account.build import calls
    from riwaya.account.facts import story_reads

    docnos = sorted({it["docno"] for it in story_items})
    return calls(story_reads([(arts[d], arts[d]) for d in docnos if d in arts]))


def _where(calls: list, arts: dict[str, object]) -> tuple[dict, dict]:
    """((docno, start) -> fact index, {pair of (docno, start) -> relation} for the pairs that do not agree)."""
    docno_of = {a.id: d for d, a in arts.items()}
    out, rel = {}, {}
    for ci, c in enumerate(calls):
        for m in c.measure.mentions:
            d = docno_of.get(m.article)
            if d is not None:
                out[(d, m.start)] = ci
        for a, b, r in c.relations:
            rel[frozenset(((docno_of.get(a.article), a.start), (docno_of.get(b.article), b.start)))] = r
    return out, rel


def riwaya_relations(pairs, calls_of: dict[str, list], arts) -> dict:
    where = {}
    for story, calls in calls_of.items():
        where[story] = _where(calls, arts)
    out = {}
    for a, b in pairs:
        w, r = where.get(a["story"], ({}, {}))
        pa, pb = (a["docno"], a["start"]), (b["docno"], b["start"])
        x, y = w.get(pa), w.get(pb)
        if x is None or y is None or x != y:
            rel = "different"
        else:
            rel = r.get(frozenset((pa, pb)), "agree")
        out[frozenset((a["id"], b["id"]))] = rel
    return out


def _noun_key(it: dict) -> str | None:
    if it["kind"] == "d":
        return "date"
    if it["unit"]:
        return "unit:" + it["unit"]
    if it["counts"]:
        return "noun:" + it["counts"].split()[0]
    return None


def _val(it: dict):
    return it["value"] if it["value"] is not None else (it["low"], it["high"])


def noun_baseline(pairs) -> dict:
    out = {}
    for a, b in pairs:
        ka, kb = _noun_key(a), _noun_key(b)
        if ka is None or ka != kb:
            rel = "different"
        else:
            rel = "agree" if _val(a) == _val(b) else "conflict"
        out[frozenset((a["id"], b["id"]))] = rel
    return out


def exact_baseline(pairs, calls_of: dict[str, list], arts) -> dict:
    where = {s: _where(c, arts) for s, c in calls_of.items()}
    out = {}
    for a, b in pairs:
        w = where.get(a["story"], ({}, {}))[0]
        x, y = w.get((a["docno"], a["start"])), w.get((b["docno"], b["start"]))
        if x is None or y is None or x != y:
            rel = "different"
        else:
            rel = "agree" if _val(a) == _val(b) else "conflict"
        out[frozenset((a["id"], b["id"]))] = rel
    return out


# --- scores -----------------------------------------------------------------------------------------------
def _prf(tp: int, found: int, gold: int) -> dict:
    p = tp / found if found else 0.0
    r = tp / gold if gold else 0.0
    return {"tp": tp, "found": found, "gold": gold, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(pairs, gold: dict, pred: dict, measure: dict) -> dict:
    """Pair- and fact-level scores of ``pred`` against ``gold`` (both {item pair: relation})."""
    keys = [frozenset((a["id"], b["id"])) for a, b in pairs]
    out = {}
    for rel in ("conflict", "update"):
        tp = sum(1 for k in keys if gold[k] == rel and pred[k] == rel)
        out[rel] = _prf(tp, sum(1 for k in keys if pred[k] == rel), sum(1 for k in keys if gold[k] == rel))
    agree = [k for k in keys if gold[k] == "agree"]
    out["false_conflict"] = {"agree_pairs": len(agree), "called_conflict": sum(1 for k in agree if pred[k] == "conflict"),
                             "rate": (sum(1 for k in agree if pred[k] == "conflict") / len(agree)) if agree else 0.0}
    # fact level: gold measures with a conflict; found when any of their conflicting pairs is called conflict
    by_measure = defaultdict(list)
    for a, b in pairs:
        k = frozenset((a["id"], b["id"]))
        if gold[k] == "conflict":
            by_measure[(a["story"], measure[a["id"]])].append(k)
    found = sum(1 for ks in by_measure.values() if any(pred[k] == "conflict" for k in ks))
    out["conflict_facts"] = {"gold": len(by_measure), "found": found,
                             "recall": found / len(by_measure) if by_measure else 0.0}
    out["confusion"] = {g: {p: sum(1 for k in keys if gold[k] == g and pred[k] == p) for p in RELATIONS} for g in RELATIONS}
    return out


def fact_precision(calls_of: dict[str, list], arts, gold: dict, by_pos: dict) -> dict:
    """Of the facts riwaya calls conflict, how many have a gold conflict among their cross-side pairs."""
    docno_of = {a.id: d for d, a in arts.items()}
    called = right = 0
    wrong = []
    for story, calls in calls_of.items():
        for c in calls:
            if c.status != "conflict":
                continue
            called += 1
            hit = any(gold.get(frozenset((by_pos.get((story, docno_of.get(a.article), a.start)),
                                          by_pos.get((story, docno_of.get(b.article), b.start))))) == "conflict"
                      for a, b, r in c.relations if r == "conflict")
            right += hit
            if not hit:
                wrong.append(f"{story} {c.measure.what}: {c.evidence[:160]}")
    return {"called": called, "right": right, "precision": right / called if called else 0.0, "wrong": wrong}


def evaluate(gold_path: Path = GOLD, archive: str = ANT_ARCHIVE, items_path: Path = ITEMS,
             blocks: dict[str, tuple[str, ...]] | None = None) -> dict:
    """Scores on every labelled pair (``all``) and on each of ``blocks`` (name -> story days,
    YYYYMMDD, the first eight characters of a story name; default: the halves A and B of our
    labels' eight days, where the items hold them)."""
    from riwaya.errors import EvalError

    if not Path(archive).exists():
        raise EvalError(f"{archive}: ANT archive not found (the labelled articles are read from it)")
    items = load_jsonl(items_path)
    measure, gpairs = gold_labels(load_jsonl(gold_path))
    arts = articles(archive, {it["docno"] for it in items})
    drifted = [it["id"] for it in items
               if it["docno"] not in arts or sha8(arts[it["docno"]].text[it["start"]:it["end"]]) != it["sha1"]]
    bad = set(drifted)
    items = [it for it in items if it["id"] not in bad]
    pairs = candidate_pairs(items)
    gold = {frozenset((a["id"], b["id"])): gold_relation(a, b, measure, gpairs) for a, b in pairs}
    by_story = defaultdict(list)
    for it in items:
        by_story[it["story"]].append(it)
    calls_of = {s: riwaya_calls(its, arts) for s, its in by_story.items()}
    by_pos = {(it["story"], it["docno"], it["start"]): it["id"] for it in items}
    systems = {"riwaya (account)": riwaya_relations(pairs, calls_of, arts),
               "same noun, any difference": noun_baseline(pairs),
               "riwaya's facts, exact equality": exact_baseline(pairs, calls_of, arts)}
    if blocks is None:
        held = {it["story"][:8] for it in items}
        blocks = {k: d for k, d in (("A", DAYS_A), ("B", DAYS_B)) if held & set(d)}
    rows = {}
    for half, days in {**blocks, "all": None}.items():
        sub = [(a, b) for a, b in pairs if days is None or a["story"][:8] in days]
        rows[half] = {name: score(sub, gold, pred, measure) for name, pred in systems.items()}
        sub_calls = {s: c for s, c in calls_of.items() if days is None or s[:8] in days}
        rows[half]["riwaya (account)"]["conflict_fact_precision"] = fact_precision(sub_calls, arts, gold, by_pos)
    return {"gold": str(gold_path), "items": len(items), "drifted": drifted, "pairs": len(pairs),
            "stories": len(by_story), "rows": rows}


@click.command(name="account")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--archive", default=ANT_ARCHIVE, show_default=True, help="The ANT archive the labelled articles come from.")
@click.option("--gold", "gold_opt", default=None, type=click.Path(exists=True, dir_okay=False),
              help="The labels to score against (same as GOLD; default labels/account-ant/gold.jsonl).")
@click.option("--items", "items_path", default=None, type=click.Path(exists=True, dir_okay=False),
              help="The labelled mentions (default: items.jsonl beside the labels, else labels/account-ant/items.jsonl).")
@click.option("--split/--no-split", default=True, show_default=True,
              help="Also score our labels' two halves of days (A, B) where the items hold them.")
@click.option("--block", "block_opts", multiple=True, metavar="NAME=DAY,DAY",
              help="Score the stories of these days (YYYYMMDD) as a block NAME, instead of the halves; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--errors", is_flag=True, help="List riwaya's conflict facts that hold no gold conflict.")
def command(gold, gold_opt, archive, items_path, split, block_opts, as_json, errors):
    """Score the sourced account's agree / update / conflict calls on GOLD (default: our labels in
    labels/account-ant/gold.jsonl), beside a same-noun baseline and an exact-equality baseline."""
    from riwaya.errors import EvalError

    blocks = None if split else {}
    for b in block_opts:
        name, _, days = b.partition("=")
        if not name or not days:
            raise EvalError(f"--block {b!r}: write NAME=YYYYMMDD,YYYYMMDD")
        blocks = {**(blocks or {}), name: tuple(d.strip() for d in days.split(",") if d.strip())}
    gold_path = Path(gold_opt or gold or GOLD)
    if items_path is None:
        items_path = gold_path.parent / "items.jsonl" if (gold_path.parent / "items.jsonl").exists() else ITEMS
    out = evaluate(gold_path, archive, Path(items_path), blocks)
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1, default=list))
        return
    click.echo(f"{out['items']} labelled mentions in {out['stories']} stories, {out['pairs']} pairs, gold {out['gold']}"
               + (f"; {len(out['drifted'])} left out, span drifted" if out["drifted"] else ""))
    for half, rows in out["rows"].items():
        click.echo(f"\n[{half}]")
        click.echo(f"{'system':<32} {'conf P':>7} {'conf R':>7} {'conf F1':>7} {'false c':>7} {'upd P':>6} {'upd R':>6}"
                   f" {'facts R':>8}")
        for name, r in rows.items():
            c, u, f = r["conflict"], r["update"], r["conflict_facts"]
            click.echo(f"{name:<32} {c['precision']:7.3f} {c['recall']:7.3f} {c['f1']:7.3f} "
                       f"{r['false_conflict']['rate']:7.3f} {u['precision']:6.3f} {u['recall']:6.3f} "
                       f"{f['found']:>3}/{f['gold']:<4}")
        r = rows["riwaya (account)"]
        fp = r["conflict_fact_precision"]
        click.echo(f"riwaya pairs: gold conflict {r['conflict']['gold']}, called {r['conflict']['found']}, right "
                   f"{r['conflict']['tp']}; gold update {r['update']['gold']}, called {r['update']['found']}; "
                   f"gold agree {r['false_conflict']['agree_pairs']}, called conflict {r['false_conflict']['called_conflict']}")
        click.echo(f"riwaya facts: conflict recall {r['conflict_facts']['recall']:.3f} "
                   f"({r['conflict_facts']['found']}/{r['conflict_facts']['gold']}), conflict precision "
                   f"{fp['precision']:.3f} ({fp['right']}/{fp['called']})")
        if errors:
            for w in fp["wrong"]:
                click.echo("  not a gold conflict: " + w)
