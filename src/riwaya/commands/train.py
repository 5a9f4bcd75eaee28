"""``riwaya train events``: fit the event join model on labelled days and write it as JSON."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.group(name="train")
def command() -> None:
    """Fit riwaya's small shipped models from labelled data."""


@command.command(name="events")
@click.option("--gold", "gold_paths", required=True, multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold labels, JSON Lines {docno, story, ...}; repeatable (every labelled day is used).")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--no-embed", is_flag=True, help="Fit the lexical model (no sentence embeddings).")
@click.option("--cache", "cache", type=click.Path(dir_okay=False),
              help="SQLite file that keeps the articles' embeddings between runs (computed once).")
@click.option("--out", "out", type=click.Path(dir_okay=False),
              help="Where to write the model (default: the shipped riwaya/models/events[-lexical].json).")
def events(gold_paths, inputs, no_embed, cache, out):
    """Fit the pair model and join threshold on every labelled article of INPUTS.

    Run it twice to refresh both shipped models: once plain (with e5 embeddings) and once with
    --no-embed.
    """
    from riwaya.story import devdata, joiner
    from riwaya.story.embed import E5Embedder
    from riwaya.story.features import DocFreq, tokens, vectors
    from riwaya.story.training import fit_decision

    lab = devdata.load(gold_paths[0], list(inputs), extra=list(gold_paths[1:]))
    articles = lab.articles + lab.extra
    toks = [tokens(a) for a in articles]
    df = DocFreq.prior()
    for t in toks:
        df.add(t)
    embs = [None] * len(toks)
    if not no_embed:
        got = devdata.embed(lab, E5Embedder(), cache)
        embs = [got[a.id] for a in articles]
    vecs = [vectors(t, df, e) for t, e in zip(toks, embs)]
    name = joiner.LEXICAL_FILE if no_embed else joiner.MODEL_FILE
    meta = {"trained_by": "riwaya train events" + (" --no-embed" if no_embed else ""),
            "gold": [Path(p).parent.name for p in gold_paths],
            "articles": len(vecs), "days": sorted(set(lab.fold.values())),
            "embedder": None if no_embed else E5Embedder().name}
    model = fit_decision(vecs, lab.gold, meta=meta, fold=lab.fold)
    path = Path(out) if out else joiner.shipped_path(name)
    model.save(path)
    click.echo(json.dumps({"written": str(path), "threshold": model.threshold,
                           "coef": dict(zip(model.features, [round(c, 3) for c in model.coef]))}, indent=1))


@command.command(name="docfreq")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--min-df", default=5, show_default=True, help="Keep stems found in at least this many articles.")
@click.option("--out", "out", type=click.Path(dir_okay=False),
              help="Where to write it (default: the shipped riwaya/models/docfreq.json).")
def docfreq(inputs, min_df, out):
    """Count in how many articles of INPUTS each stem occurs: the background the engine starts from."""
    from riwaya.ingest import read
    from riwaya.story import joiner
    from riwaya.story.features import DocFreq, tokens
    from riwaya.text.clean import clean

    df, seen = DocFreq(), set()
    for doc in read(list(inputs)):
        if isinstance(doc, Exception):
            continue
        a = clean(doc)
        if a.id not in seen:
            seen.add(a.id)
            df.add(tokens(a))
    keep = {w: c for w, c in sorted(df.df.items()) if c >= min_df}
    path = Path(out) if out else joiner.shipped_path("docfreq.json")
    path.write_text(json.dumps({"n": df.n, "min_df": min_df, "trained_by": "riwaya train docfreq",
                                "df": keep}, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    click.echo(f"{df.n} articles, {len(keep)} stems -> {path}")


@command.command(name="ner")
@click.option("--train", "train_path", type=click.Path(exists=True, dir_okay=False),
              help="Labelled sentences, 'token TAG' lines (default: ANERcorp's CAMeL Lab train split in ../shared).")
@click.option("--extra", "extra", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="More labelled sentences as SCHEME:PATH (scheme anercorp, wojood or aqmar); default: the "
                   "Wojood sample's train and val files in ../shared.")
@click.option("--no-extra", is_flag=True, help="Train on the --train file alone.")
@click.argument("unlabelled", nargs=-1, type=click.Path(exists=True))
@click.option("--out", "out", type=click.Path(file_okay=False),
              help="Folder to write the model files into (default: the shipped riwaya/models).")
def ner(train_path, extra, no_extra, unlabelled, out):
    """Train the named-entity tagger: word vectors, clusters and a memory from UNLABELLED news (default:
    the ANT corpus in ../shared), a character model, a window classifier and a CRF from labelled
    sentences. Takes about 10 minutes of CPU on one core and 3 GB of memory."""
    from riwaya.eval import ANT_ARCHIVE, shared
    from riwaya.extract import ner as ner_mod
    from riwaya.extract import ner_data, ner_train

    train_path = train_path or shared(*ner_data.CAMEL_TRAIN)
    if not extra and not no_extra:
        extra = [f"wojood:{shared(*ner_data.WOJOOD, name)}" for name in ("train.txt", "val.txt")]
    sentences = ner_data.read(train_path)
    for spec in extra:
        scheme, _, p = spec.partition(":")
        if scheme not in ner_data.SCHEMES:
            raise click.BadParameter(f"{spec!r}: give SCHEME:PATH with a scheme of {', '.join(ner_data.SCHEMES)}")
        sentences += ner_data.read(p, scheme)
    outdir = Path(out) if out else ner_mod.shipped("")
    ner_train.train(sentences, list(unlabelled) or [ANT_ARCHIVE], outdir, log=click.echo)
    click.echo(f"{len(sentences)} labelled sentences -> {outdir}")
