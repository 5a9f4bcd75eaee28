"""``riwaya eval crosslingual``: the calibration of the cross-lingual link rule (``story.crosslingual``).

The labelled days hold no English article, but every gold story has a hand-written English
description (``label_en`` in stories.jsonl). Each description is embedded as a passage and compared
with the centroids of the Arabic stories of those days (the articles' title + lead embeddings, as
the engine computes them): one positive per description, all other stories negatives. Printed: how
often the best story is the right one, the cosine percentiles of single unrelated pairs, and for a
grid of (cosine floor, margin over the second best story) the share of descriptions linked and the
precision of those links; the rule in use is marked.
"""
from __future__ import annotations

import json

import click


@click.command(name="crosslingual")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold labels, JSON Lines {docno, story, ...} (ant-stories-dev/labels.jsonl).")
@click.option("--stories", "stories_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold stories with English descriptions, JSON Lines {story, label_en, ...}.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--cache", type=click.Path(dir_okay=False), help="SQLite file that keeps the embeddings between runs.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(gold_path, stories_path, inputs, cache, as_json):
    """Score the cross-lingual link rule on English story descriptions against Arabic stories."""
    import numpy as np

    from riwaya.story import crosslingual as xl
    from riwaya.story import devdata
    from riwaya.story.embed import E5Embedder

    lab = devdata.load(gold_path, list(inputs))
    embedder = E5Embedder()
    embs = devdata.embed(lab, embedder, cache)
    with open(stories_path, encoding="utf-8") as fh:
        stories = [json.loads(line) for line in fh if line.strip()]
    members: dict[str, list] = {}
    for a in lab.articles:
        members.setdefault(lab.gold[a.id], []).append(embs[a.id])
    stories = [s for s in stories if s.get("label_en") and s["story"] in members]
    cent = np.vstack([np.mean(members[s["story"]], axis=0) for s in stories])
    cent /= np.linalg.norm(cent, axis=1, keepdims=True)
    labels = embedder.encode([s["label_en"] for s in stories])
    S = labels @ cent.T
    n = len(stories)
    order = np.argsort(-S, axis=1)
    top = S[np.arange(n), order[:, 0]]
    margin = top - S[np.arange(n), order[:, 1]]
    right = order[:, 0] == np.arange(n)
    neg = S[~np.eye(n, dtype=bool)]
    grid = []
    for floor in (0.78, 0.80, 0.82, 0.84):
        for m in (0.0, 0.01, 0.02, 0.03):
            link = (top >= floor) & (margin >= m)
            k = int(link.sum())
            grid.append({"min_cos": floor, "margin": m, "linked": round(k / n, 3),
                         "precision": round(float((right & link).sum() / k), 3) if k else None,
                         "in_use": abs(floor - xl.MIN_COS) < 1e-9 and abs(m - xl.MARGIN) < 1e-9})
    out = {"descriptions": n, "top1": round(float(right.mean()), 3),
           "positive_cos_p5_p50": [round(float(x), 3) for x in np.percentile(np.diag(S), [5, 50])],
           "single_negative_cos_p99_p999": [round(float(x), 3) for x in np.percentile(neg, [99, 99.9])],
           "lone_cos": xl.LONE_COS, "grid": grid}
    if as_json:
        click.echo(json.dumps(out, indent=1))
        return
    click.echo(f"{n} English descriptions vs {n} Arabic stories; best story right: {out['top1']:.3f}")
    click.echo(f"positive cosine p5/p50: {out['positive_cos_p5_p50']}; single unrelated pair p99/p99.9: "
               f"{out['single_negative_cos_p99_p999']} (LONE_COS {xl.LONE_COS})")
    click.echo(f"{'min cos':>8} {'margin':>7} {'linked':>7} {'precision':>9}")
    for r in grid:
        p = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        click.echo(f"{r['min_cos']:8.2f} {r['margin']:7.2f} {r['linked']:7.3f} {p:>9}{'  <- in use' if r['in_use'] else ''}")
