"""Training and scoring the named-entity CRF (``riwaya train ner``, ``riwaya eval ner``).

``train`` makes the shipped model in six steps, each reproducible (fixed seeds, deterministic
trainers): word vectors and their clusters from unlabelled news (``ner_clusters``); a first CRF on
the labelled sentences; that CRF run over the unlabelled news, its labels per word core kept as the
memory (``ner_lexicon.memory_from``); a character model of word cores trained on the memory
(``ner_chars``); a window classifier over the word vectors trained on the labelled sentences, with
jackknifed guesses for them (``ner_window``); the shipped CRF trained with the memory, the
character model's and the window classifier's guesses as features. ``fit`` trains a
CRF (python-crfsuite, L-BFGS with L1 and L2 penalties); ``score`` counts entities as conlleval does:
a predicted entity is right when its label and its first and last tokens equal a gold entity's.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from riwaya.extract.ner_data import LABELS, spans

PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 300, "feature.possible_transitions": True}


def fit(sentences, tagger_features, path: Path, params: dict | None = None) -> None:
    """Train on (tokens, tags) ``sentences``; ``tagger_features(tokens)`` gives each token's features."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sentences:
        trainer.append(tagger_features(toks), tags)
    trainer.set_params({**PARAMS, **(params or {})})
    trainer.train(str(path))


def train(sentences, unlabelled: list[str], outdir: Path, log=print) -> None:
    """Write the model files of ``ner.load`` into ``outdir``."""
    import numpy as np

    from riwaya.extract import ner, ner_chars, ner_clusters, ner_window
    from riwaya.extract.ner_features import Featurizer
    from riwaya.extract.ner_lexicon import Lexicon, memory_from, save_memory

    outdir.mkdir(parents=True, exist_ok=True)
    lines = list(ner_clusters.corpus_lines(unlabelled))
    folded = [ner_clusters.folded(x) for x in lines]
    clusters = ner_clusters.learn(folded, log=log)
    ner_clusters.save(clusters, outdir / ner.CLUSTERS_FILE)
    words, vec = ner_clusters.embed(folded, vocab=ner_window.VOCAB, log=log)
    del folded
    ner_window.Vectors.quantised(words, vec).save(outdir / ner.WORDS_FILE, outdir / ner.VECTORS_FILE)
    lexicon = Lexicon.build(ner_clusters.load((outdir / ner.CLUSTERS_FILE).read_text(encoding="utf-8")))
    first = ner.Tagger(None, Featurizer(lexicon))
    fit(sentences, first.features, outdir / "ner-first.crfsuite")
    first.open(outdir / "ner-first.crfsuite")
    log("first CRF trained; tagging the unlabelled text")
    counts: dict[str, Counter] = defaultdict(Counter)
    for toks in lines:
        for k in range(0, len(toks), ner.MAX_SENTENCE):
            chunk = toks[k:k + ner.MAX_SENTENCE]
            for core, tag in zip(first.featurizer.cores(chunk), first.tag(chunk)):
                counts[core][tag[2:] or "O"] += 1
    (outdir / "ner-first.crfsuite").unlink()
    memory = memory_from(counts)
    save_memory(memory, outdir / ner.MEMORY_FILE)
    log(f"memory of {len(memory)} word cores")
    lexicon = lexicon.with_memory(memory)
    chars = ner_chars.fit(ner_chars.distant_labels(memory, sorted({lexicon.core(w)[1] for w in words})))
    chars.save(outdir / ner.CHARS_FILE)
    chars = ner_chars.CharModel.load(outdir / ner.CHARS_FILE)
    log("character model trained")
    window = ner_window.Window(ner_window.Vectors.load(outdir / ner.WORDS_FILE, outdir / ner.VECTORS_FILE), chars)
    plain = Featurizer(lexicon)
    held, weights = ner_window.jackknifed(window, sentences, plain.cores)
    window.with_weights_of(weights).save(outdir / ner.WINDOW_FILE)
    log("window classifier trained")
    guessed = {tuple(plain.cores(toks)): held[k] for k, (toks, _) in enumerate(sentences)}
    final = ner.Tagger(None, Featurizer(lexicon, chars=chars, window=_Guessed(guessed)))
    fit(sentences, final.features, outdir / ner.MODEL_FILE)


class _Guessed:
    """The window classifier's jackknifed guesses of the training sentences, by their cores."""

    def __init__(self, by_cores: dict):
        self.by_cores = by_cores

    def probs(self, cores: list[str]):
        return self.by_cores[tuple(cores)]


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    """Per-label and micro precision, recall and F1 of entity spans."""
    counts = {k: [0, 0, 0] for k in (*LABELS, "micro")}  # true positives, predicted, gold
    for g, p in zip(gold, pred):
        gs, ps = spans(g), spans(p)
        for label in (*LABELS, "micro"):
            gl = {x for x in gs if label in ("micro", x[0])}
            pl = {x for x in ps if label in ("micro", x[0])}
            c = counts[label]
            c[0] += len(gl & pl)
            c[1] += len(pl)
            c[2] += len(gl)
    out = {}
    for k, (tp, n_pred, n_gold) in counts.items():
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[k] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": n_gold}
    return out
