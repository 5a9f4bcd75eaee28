"""Named entities (PER, LOC, ORG, MISC) in an article, tagged sentence by sentence with a CRF.

The model is trained by ``riwaya train ner`` (``extract.ner_train``) on ANERcorp's CAMeL Lab train
split and shipped in ``riwaya/models`` (``ner.crfsuite``, with the word clusters it was trained
with in ``ner-clusters.tsv`` and the memory of its first pass over unlabelled news in
``ner-memory.tsv``); it is loaded once per process. Each sentence is cut into tokens with
their offsets (``extract.ner_tokens``), tagged B-/I-/O, and every entity becomes a ``Mention``
whose ``text`` is ``article.text[start:end]``, with the model as its evidence and the mean
marginal probability of its tags as its score. An attached conjunction or preposition stays inside
the mention, as ANERcorp tags it (``وموسكو``); ``entity`` is left for the corpus stage that links
mentions to canonical entities.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from riwaya.extract import ner_clusters
from riwaya.extract.ner_data import spans
from riwaya.extract.ner_features import Featurizer
from riwaya.extract.ner_lexicon import Lexicon, load_memory
from riwaya.extract.ner_tokens import tokenise
from riwaya.extract.places import scan
from riwaya.model import Article, Mention
from riwaya.pipeline import stage
from riwaya.text.normalise import match

MODEL_FILE = "ner.crfsuite"
CLUSTERS_FILE = "ner-clusters.tsv"
MEMORY_FILE = "ner-memory.tsv"
EVIDENCE = "crf:ner.crfsuite"
MAX_SENTENCE = 400  # tokens tagged at once; a longer "sentence" (a list, a table) is cut


def shipped(name: str) -> Path:
    return Path(__file__).resolve().parent.parent / "models" / name


def place_tags(toks: list[str]) -> list[str]:
    """Per token, B-<kind>/I-<kind> where a gazetteer place name covers it, else ''."""
    tags = [""] * len(toks)
    for i, _, j, kind in scan([match(t) for t in toks]):
        tags[i] = "B-" + kind
        for k in range(i + 1, j):
            tags[k] = "I-" + kind
    return tags


class Tagger:
    """A trained CRF with the featurizer it was trained with."""

    def __init__(self, model: Path | None, featurizer: Featurizer):
        self.featurizer = featurizer
        self.crf = None
        if model is not None:
            self.open(model)

    def open(self, model: Path) -> None:
        import pycrfsuite

        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(model))

    def features(self, toks: list[str]) -> list[list[str]]:
        fz = self.featurizer
        return fz.sentence(toks, None if fz.plain else place_tags(toks))

    def tag(self, toks: list[str]) -> list[str]:
        if not toks:
            return []
        return list(self.crf.tag(self.features(toks)))

    def marginal(self, tag: str, i: int) -> float:
        """P(tag at token i) in the sentence tagged last."""
        return self.crf.marginal(tag, i)


def load(folder: Path) -> Tagger:
    """The tagger written into ``folder`` by ``riwaya train ner``."""
    lexicon = Lexicon.build(ner_clusters.load((folder / CLUSTERS_FILE).read_text(encoding="utf-8")))
    memory = load_memory((folder / MEMORY_FILE).read_text(encoding="utf-8"))
    return Tagger(folder / MODEL_FILE, Featurizer(lexicon.with_memory(memory)))


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped tagger, loaded once per process."""
    return load(shipped(""))


def find_entities(text: str, sentences: list[tuple[int, int]] | None = None, model: Tagger | None = None
                  ) -> tuple[Mention, ...]:
    """Entity mentions of ``text``, tagged within each (start, end) sentence span (default: the whole text)."""
    model = model or tagger()
    out = []
    for s, e in sentences if sentences is not None else [(0, len(text))]:
        toks = tokenise(text, s, e)
        for k in range(0, len(toks), MAX_SENTENCE):
            chunk = toks[k:k + MAX_SENTENCE]
            tags = model.tag([t.text for t in chunk])
            for label, i, j in sorted(spans(tags), key=lambda x: x[1]):
                start, end = chunk[i].start, chunk[j - 1].end
                score = sum(model.marginal(tags[x], x) for x in range(i, j)) / (j - i)
                out.append(Mention(start=start, end=end, text=text[start:end], label=label,
                                   evidence=EVIDENCE, score=round(score, 3)))
    return tuple(out)


@stage("entities", requires=["text", "sentences"], assigns=["entities"], version="1")
def entities(article: Article) -> Article:
    sents = [(s.start, s.end) for s in article.layer("sentences")]
    return article.with_layer("entities", find_entities(article.text, sents))
