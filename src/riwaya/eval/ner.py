"""``riwaya eval ner [FILE]``: the named-entity tagger against gold BIO sentences (default: ANERcorp's
CAMeL Lab test split in ../shared), entity by entity as conlleval counts (a right entity has the gold
label and the gold first and last tokens), per label and micro-averaged over PER, LOC, ORG, MISC.

Beside the shipped tagger, in the same run: the gazetteer and cue lists alone (places from the
gazetteer as LOC, a given name and the word after it as PER, an organisation head and the word after
it as ORG), and a plain CRF (the word, its affixes and shape, two words either side) trained here on
the CAMeL train split. The gold file's own tokens are tagged, so scores compare with published ones.
The file has no article boundaries, so the shipped tagger's one-sense-per-document step
(``ner.propagate``) looks ``DOCUMENT`` sentences either side of each sentence.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from riwaya.eval import shared

DOCUMENT = 15  # sentences either side that stand for an article in a file without article boundaries


def document_tags(tagger, sentences: list[list[str]]) -> list[list[str]]:
    """The shipped tagger's tags of consecutive sentences, one sense per pseudo-document."""
    from riwaya.extract import ner

    tagged = [tagger.tag_marginals(toks) for toks in sentences]
    return ner.propagate(sentences, [t for t, _ in tagged], [m for _, m in tagged], tagger.featurizer.core,
                         window=DOCUMENT)


def gazetteer_tags(toks: list[str], tagger) -> list[str]:
    """The cue-list baseline's BIO tags of one sentence (``tagger``'s lexicon gives the word cores)."""
    from riwaya.extract import ner
    from riwaya.text.tokens import stopwords

    lex, core = tagger.featurizer.lex, tagger.featurizer.core
    tags = ["B-LOC" if t.startswith("B-") else "I-LOC" if t else "O" for t in ner.place_tags(toks)]
    stop = stopwords()
    for i, tok in enumerate(toks):
        if tags[i] != "O":
            continue
        c = core(tok)
        label = "PER" if c in lex.names else "ORG" if c.removeprefix("ال") in lex.orgs else None
        if label:
            tags[i] = "B-" + label
            if i + 1 < len(toks) and tags[i + 1] == "O" and toks[i + 1][:1].isalpha() and core(toks[i + 1]) not in stop:
                tags[i + 1] = "I-" + label
    return tags


def plain_crf(train_path: str):
    """Train the baseline CRF and return a function that tags a sentence."""
    from riwaya.extract import ner, ner_data, ner_train
    from riwaya.extract.ner_features import Featurizer

    tagger = ner.Tagger(None, Featurizer(None, plain=True))
    path = Path(tempfile.mkdtemp(prefix="riwaya-ner-")) / "plain.crfsuite"
    ner_train.fit(ner_data.read(train_path), tagger.features, path)
    tagger.open(path)
    return tagger.tag


@click.command(name="ner")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model", type=click.Path(exists=True, file_okay=False),
              help="A folder written by `riwaya train ner --out` (default: the shipped model).")
@click.option("--train", "train_path", type=click.Path(exists=True, dir_okay=False),
              help="What the plain CRF baseline trains on (default: ANERcorp's CAMeL Lab train split).")
@click.option("--no-plain", is_flag=True, help="Leave out the plain CRF baseline (it trains for a minute).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(path, model, train_path, no_plain, as_json):
    """Score named entities against PATH ("token TAG" lines, BIO tags PER(S)/LOC/ORG/MISC)."""
    from riwaya.errors import EvalError
    from riwaya.extract import ner, ner_data, ner_train

    path = path or shared(*ner_data.CAMEL_TEST)
    if not Path(path).exists():
        raise EvalError(f"{path}: not found; give the BIO file as an argument")
    sents = ner_data.read(path)
    gold = [tags for _, tags in sents]
    tagger = ner.load(Path(model)) if model else ner.tagger()
    words = [toks for toks, _ in sents]
    systems = {"riwaya (CRF + character model + window classifier; one sense per document)":
               lambda: document_tags(tagger, words),
               "riwaya, sentence by sentence (no document step)": lambda: [tagger.tag(t) for t in words],
               "gazetteer and cue lists alone": lambda: [gazetteer_tags(t, tagger) for t in words]}
    if not no_plain:
        plain = plain_crf(train_path or shared(*ner_data.CAMEL_TRAIN))
        systems["plain CRF (word, affixes, shape, window)"] = lambda: [plain(t) for t in words]
    rows = {name: ner_train.score(gold, tag()) for name, tag in systems.items()}
    main = rows[next(iter(rows))]["micro"]
    if as_json:
        click.echo(json.dumps({"file": str(path), "sentences": len(sents), "rows": rows}, indent=1))
        return
    click.echo(f"{main['gold']} entities in {len(sents)} sentences of {path}")
    click.echo(f"{'system':<84} {'label':<5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for name, r in rows.items():
        for label in (*ner_data.LABELS, "micro"):
            x = r[label]
            click.echo(f"{name:<84} {label:<5} {x['p']:6.3f} {x['r']:6.3f} {x['f1']:6.3f} {x['gold']:5d}")
    click.echo(f"micro F1 {main['f1']:.3f}")
