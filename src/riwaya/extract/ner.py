"""Named entities (PER, LOC, ORG, MISC) in an article, tagged sentence by sentence with a CRF.

The model is trained by ``riwaya train ner`` (``extract.ner_train``) on ANERcorp's CAMeL Lab train
split and shipped in ``riwaya/models`` (``ner.crfsuite``, with the word clusters it was trained
with in ``ner-clusters.tsv``, the memory of its first pass over unlabelled news in
``ner-memory.tsv``, the character model ``ner-chars.npy`` and the window classifier
``ner-window.npy`` over the word vectors ``ner-words.txt`` / ``ner-vectors.npy``); it is loaded
once per process. Each sentence is cut into tokens with
their offsets (``extract.ner_tokens``), tagged B-/I-/O, and every entity becomes a ``Mention``
whose ``text`` is ``article.text[start:end]``, with the model as its evidence and the mean
marginal probability of its tags as its score. An attached conjunction or preposition stays inside
the mention, as ANERcorp tags it (``وموسكو``); ``entity`` is left for the corpus stage that links
mentions to canonical entities.

One sense per document: a mention the CRF is sure of (mean marginal at least ``SURE``) lends its
label to the same word cores elsewhere in the article (``propagate``; such a mention has
``EVIDENCE_DOC`` as its evidence): a club, a company or a foreign surname is often tagged where a
title or a verb of saying stands next to it and missed where it stands alone.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from riwaya.extract import ner_clusters
from riwaya.extract.ner_chars import CharModel
from riwaya.extract.ner_data import spans
from riwaya.extract.ner_features import Featurizer
from riwaya.extract.ner_lexicon import Lexicon, load_memory
from riwaya.extract.ner_tokens import tokenise
from riwaya.extract.ner_window import Vectors, Window
from riwaya.extract.places import scan
from riwaya.model import Article, Mention
from riwaya.pipeline import stage
from riwaya.text.normalise import match

MODEL_FILE = "ner.crfsuite"
CLUSTERS_FILE = "ner-clusters.tsv"
MEMORY_FILE = "ner-memory.tsv"
CHARS_FILE = "ner-chars.npy"
WORDS_FILE = "ner-words.txt"
VECTORS_FILE = "ner-vectors.npy"
WINDOW_FILE = "ner-window.npy"
EVIDENCE = "crf:ner.crfsuite"
EVIDENCE_DOC = "crf:ner.crfsuite+document"
SURE = 0.7
LONGEST = 4  # words of the longest mention that propagate
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

    def tag_marginals(self, toks: list[str]) -> tuple[list[str], list[float]]:
        """The tags of a sentence and the marginal probability of each."""
        tags = self.tag(toks)
        return tags, [self.crf.marginal(t, i) for i, t in enumerate(tags)]

    def marginal(self, tag: str, i: int) -> float:
        """P(tag at token i) in the sentence tagged last."""
        return self.crf.marginal(tag, i)


def _merged(found: list[list[tuple[tuple[str, ...], str]]]) -> dict[tuple[str, ...], Counter]:
    out: dict[tuple[str, ...], Counter] = {}
    for f in found:
        for cores, label in f:
            out.setdefault(cores, Counter())[label] += 1
    return out


def propagate(tokens: list[list[str]], tags: list[list[str]], marginals: list[list[float]], core,
              window: int | None = None) -> list[list[str]]:
    """Tags of a document's sentences, one sense per document: every mention the CRF is sure of (mean
    marginal at least ``SURE``), and the surname of a sure person of two words or more, is a sequence
    of word cores (``core(token)``) with a label; elsewhere (within ``window`` sentences either side;
    None: the whole document) the same cores take that label, longest first: a word the CRF left
    untagged, or words it tagged otherwise as long as they do not cut into a longer mention
    (``دينامو``/ORG ``كييف``/LOC becomes ``دينامو كييف``/ORG where the club was sure)."""
    from riwaya.text.tokens import stopwords

    stop = stopwords()
    sure = []  # per sentence: (cores, label) of its sure mentions
    for toks, tg, mg in zip(tokens, tags, marginals):
        found = []
        for label, i, j in spans(tg):
            if sum(mg[i:j]) / (j - i) >= SURE:
                found.append((tuple(core(t) for t in toks[i:j]), label))
                if label == "PER" and j - i > 1:
                    found.append(((core(toks[j - 1]),), label))
        sure.append(found)
    out = []
    whole = _merged(sure) if window is None else None
    longest = max((len(c) for f in sure for c, _ in f), default=0)
    for s, (toks, tg) in enumerate(zip(tokens, tags)):
        known = whole if whole is not None else _merged(sure[max(0, s - window):s + window + 1])
        new = list(tg)
        cores = [core(t) for t in toks] if known else []
        for n in range(min(longest, LONGEST), 0, -1):
            for i in range(len(toks) - n + 1):
                labels = known.get(tuple(cores[i:i + n]))
                if labels is None:
                    continue
                if n == 1:
                    if new[i] != "O" or len(cores[i]) < 3 or cores[i] in stop or not toks[i][:1].isalpha():
                        continue
                elif new[i].startswith("I-") or (i + n < len(new) and new[i + n].startswith("I-")):
                    continue
                label = labels.most_common(1)[0][0]
                new[i:i + n] = ["B-" + label] + ["I-" + label] * (n - 1)
        out.append(new)
    return out


def load(folder: Path) -> Tagger:
    """The tagger written into ``folder`` by ``riwaya train ner``."""
    lexicon = Lexicon.build(ner_clusters.load((folder / CLUSTERS_FILE).read_text(encoding="utf-8")))
    memory = load_memory((folder / MEMORY_FILE).read_text(encoding="utf-8"))
    chars = CharModel.load(folder / CHARS_FILE)
    window = Window(Vectors.load(folder / WORDS_FILE, folder / VECTORS_FILE), chars).with_weights(folder / WINDOW_FILE)
    return Tagger(folder / MODEL_FILE, Featurizer(lexicon.with_memory(memory), chars=chars, window=window))


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped tagger, loaded once per process."""
    return load(shipped(""))


def find_entities(text: str, sentences: list[tuple[int, int]] | None = None, model: Tagger | None = None
                  ) -> tuple[Mention, ...]:
    """Entity mentions of ``text``, tagged within each (start, end) sentence span (default: the whole text)."""
    model = model or tagger()
    chunks, tags, margs = [], [], []
    for s, e in sentences if sentences is not None else [(0, len(text))]:
        toks = tokenise(text, s, e)
        for k in range(0, len(toks), MAX_SENTENCE):
            chunk = toks[k:k + MAX_SENTENCE]
            tg, mg = model.tag_marginals([t.text for t in chunk])
            chunks.append(chunk)
            tags.append(tg)
            margs.append(mg)
    words = [[t.text for t in chunk] for chunk in chunks]
    out = []
    for chunk, tg, mg, new in zip(chunks, tags, margs, propagate(words, tags, margs, model.featurizer.core)):
        for label, i, j in sorted(spans(new), key=lambda x: x[1]):
            start, end = chunk[i].start, chunk[j - 1].end
            lent = tg[i:j] != new[i:j]
            score = SURE if lent else sum(mg[i:j]) / (j - i)
            out.append(Mention(start=start, end=end, text=text[start:end], label=label,
                               evidence=EVIDENCE_DOC if lent else EVIDENCE, score=round(score, 3)))
    return tuple(out)


@stage("entities", requires=["text", "sentences"], assigns=["entities"], version="2")
def entities(article: Article) -> Article:
    sents = [(s.start, s.end) for s in article.layer("sentences")]
    return article.with_layer("entities", find_entities(article.text, sents))
