"""``riwaya eval clustering --gold labels.jsonl INPUT...``: event clustering against gold stories.

riwaya's figure is cross-validated by day: every article is decided by a join model trained on the
other days only (``story.training.cross_validate``). Beside it, in the same run and on the same
articles: all singletons; TF-IDF cosine single-link at its best threshold *on the gold itself*; and
multilingual-e5 cosine of title + lead single-link at its best threshold on the gold (both oracles).
Also: the shipped model run through the store-backed engine in one batch and in one batch per day
(incremental must equal batch).
"""
from __future__ import annotations

import json
import time

import click

from riwaya.story.scores import bcubed, pairwise, single_link

GRID = [i / 100 for i in range(5, 100)]


def _oracle(sim, ids: list[str], lab) -> tuple[float, dict]:
    import numpy as np

    n = len(ids)
    iu = np.triu_indices(n, 1)
    vals = sim[iu]
    best = None
    for th in GRID:
        keep = vals >= th
        comp = single_link(n, zip(iu[0][keep], iu[1][keep]))
        pred = dict(zip(ids, comp))
        f = bcubed(lab.by_docno(pred), lab.gold_docnos)[2]
        if best is None or f > best[0]:
            best = (f, th, pred)
    return best[1], best[2]


def _tfidf(articles) -> object:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from riwaya.text.normalise import match

    docs = [match((a.title or "") + "\n" + a.text) for a in articles]
    X = TfidfVectorizer(token_pattern=r"(?u)\b\w\w+\b", sublinear_tf=True).fit_transform(docs)
    return (X @ X.T).toarray()


def _row(name: str, pred: dict, lab, note: str = "") -> dict:
    pred, gold = (lab.by_docno(pred) if pred else {d: d for d in lab.docnos}), lab.gold_docnos
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    return {"method": name, "bcubed": [round(bp, 4), round(br, 4), round(bf, 4)],
            "pairwise": [round(pp, 4), round(pr, 4), round(pf, 4)], "note": note}


def _engine_batches(batches: list[list], embedder, embs: dict) -> dict:
    from riwaya.store.memory import MemoryStore
    from riwaya.story import engine

    from riwaya.story.embed import seed

    store = MemoryStore()
    if getattr(embedder, "chars", None):
        seed(store, embedder, [a for part in batches for a in part], embs)
    for part in batches:
        store.add(part)
        engine.run(store, embedder=embedder)
    return {a: e.id for e in store.events() for a in e.articles}


@click.command(name="clustering")
@click.option("--gold", "gold_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold labels, JSON Lines {docno, story, ...} (e.g. ../shared/corpora/ant-stories-dev/labels.jsonl).")
@click.option("--train-gold", "train_gold", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="More labelled days, used only to train the cross-validated model, never scored "
                   "(e.g. labels/ant-2018-heldout/labels.jsonl). Repeatable.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--no-embed", is_flag=True, help="Skip sentence embeddings (lexical features only; no e5 baseline).")
@click.option("--cache", "cache", type=click.Path(dir_okay=False),
              help="SQLite file that keeps the articles' embeddings between runs (computed once).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(gold_path, train_gold, inputs, no_embed, cache, as_json):
    """Score event clustering of the gold articles found in INPUTS (files, folders, archives).

    Prints B-cubed and pairwise precision / recall / F1 of riwaya (cross-validated by day) beside
    the baselines, then the shipped model in one batch vs one batch per day.
    """
    import numpy as np

    from riwaya.story import devdata, joiner
    from riwaya.story.embed import E5Embedder, NullEmbedder
    from riwaya.story.features import DocFreq, tokens, vectors
    from riwaya.story.training import cross_validate

    t0 = time.perf_counter()
    lab = devdata.load(gold_path, list(inputs), extra=list(train_gold))
    arts, gold = lab.articles, lab.gold
    ids = [a.id for a in arts]
    rows = [_row("all singletons", {}, lab, "every DOCNO alone")]
    th, pred = _oracle(_tfidf(arts), ids, lab)
    rows.append(_row("TF-IDF cosine single-link (oracle)", pred, lab, f"threshold {th:.2f} tuned on the gold"))
    embedder = NullEmbedder() if no_embed else E5Embedder()
    embs = {a.id: None for a in arts + lab.extra}
    if not no_embed:
        embs = devdata.embed(lab, embedder, cache)
        E = np.vstack([embs[i] for i in ids])
        th, pred = _oracle(E @ E.T, ids, lab)
        rows.append(_row("e5 title+lead cosine single-link (oracle)", pred, lab, f"threshold {th:.2f} tuned on the gold"))
    df = DocFreq.prior()
    toks = [tokens(a) for a in arts]
    extra_toks = [tokens(a) for a in lab.extra]
    for t in toks + extra_toks:
        df.add(t)
    vecs = [vectors(t, df, embs[t.id]) for t in toks]
    extra = [vectors(t, df, embs[t.id]) for t in extra_toks]
    pred, models = cross_validate(vecs, gold, lab.fold, extra=extra)
    ths = ", ".join(f"{k}: {m.threshold}" for k, m in sorted(models.items()))
    how = ("an article joins where the event model's P >= 0.5" if all(m.event for m in models.values())
           else f"join thresholds chosen on training days ({ths})")
    if extra:
        how += f"; also trained on {len(extra)} articles of {len({lab.fold[v.tok.id] for v in extra})} other labelled days"
    rows.append(_row("riwaya, cross-validated by day", pred, lab, how))
    # the shipped model through the store-backed engine: one batch vs one batch per day
    by_day: dict[str, list] = {}
    for a in arts:
        by_day.setdefault(lab.fold[a.id], []).append(a)
    one = _engine_batches([arts], embedder, embs)
    inc = _engine_batches([by_day[d] for d in sorted(by_day)], embedder, embs)
    trained_on = set((joiner.load(lexical=no_embed).meta or {}).get("days", ()))
    seen = sorted(trained_on & set(by_day))
    note = (f"trained on {len(seen)} of these days: not a held-out figure" if seen
            else "trained on other days (" + ", ".join(sorted(trained_on)) + "): a held-out figure")
    rows.append(_row("riwaya shipped model, one batch", one, lab, note))
    rows.append(_row(f"riwaya shipped model, {len(by_day)} batches", inc, lab, "incremental: must equal one batch"))
    out = {"articles": len(lab.docnos), "distinct_texts": len(arts),
           "gold_stories": len({gold[a.id] for a in arts}), "training_only": len(lab.extra), "rows": rows,
           "seconds": round(time.perf_counter() - t0, 1)}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    click.echo(f"{out['articles']} articles ({out['distinct_texts']} distinct texts), "
               f"{out['gold_stories']} gold stories, scored per DOCNO ({out['seconds']} s)")
    click.echo(f"{'method':<44} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}   {'pw P':>6} {'pw R':>6} {'pw F1':>6}")
    for r in rows:
        b, p = r["bcubed"], r["pairwise"]
        click.echo(f"{r['method']:<44} {b[0]:6.3f} {b[1]:6.3f} {b[2]:6.3f}   {p[0]:6.3f} {p[1]:6.3f} {p[2]:6.3f}  {r['note']}")
