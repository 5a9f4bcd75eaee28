"""A cited summary: at most ``MAX_SENTENCES`` sentences, each supported by its cited spans by construction.

Two kinds of sentence, and no other:
- *extracted*: a whole source sentence, cited by its own span (and by the same sentence in the
  other articles that carry it word for word, and by the sentences of the other outlets whose
  figures agree with a figure it gives);
- *templated*: a conflict stated as a conflict ("{what}: {a} بحسب {oa}، فيما أورد {ob} {b}."),
  or an update from its first report to its last ("{what}: {a} بحسب {oa}، ثم {b} بحسب {ob}."),
  where every value is a mention's own words, cited by that mention's span, and the rest is the
  template's fixed words, the measure's label and the outlets of the cited articles.

Which sentences: the greedy maximum coverage of the story's *facets* under the sentence budget
(after Gillick & Favre 2009 and Lin & Bilmes 2011: each chosen sentence adds the most weight not yet
covered, per word, plus a little LexRank centrality, Erkan & Radev 2004):
- concepts: pairs of neighbouring content stems, weighted by how many articles hold them (the
  points several outlets make), from ``CONCEPT_DF`` articles (one article: said twice in it);
- who: named entities, by how many articles name them;
- why: a cause cue (``data/summary_cues.json``: بسبب، إثر، على خلفية، احتجاجا على...) with the
  content word after it;
- how many: each figure that several articles report (agreeing or updated), once;
- when and where: each date and place, by how many articles give it;
- the lead sentence of an article, a little.
A sentence too like one already chosen (cosine over ``REDUNDANT``) is skipped.
"""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from riwaya.account.lexicon import label, lexicon, words
from riwaya.data import load_json
from riwaya.text.normalise import match
from riwaya.text.tokens import stems

MAX_SENTENCES = 8
MAX_CONFLICTS = 2
MAX_UPDATES = 1
THRESHOLD = 0.1
REDUNDANT = 0.25
MIN_WORDS, MAX_WORDS = 6, 80
FULL_WORDS = 20
CONCEPT_DF = 2
# facet weights, per article that carries the facet (a concept weighs its article count)
WEIGHT = {"fact": 3.0, "figure": 3.0, "cause": 4.0, "ent": 1.0, "date": 1.0, "place": 0.5, "lead": 1.0}
CENTRALITY = 2.0
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Cite:
    article: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"article": self.article, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Line:
    """One summary sentence and what it stands on."""

    text: str
    sources: tuple[Cite, ...]
    kind: str  # extract | conflict
    support: tuple[str, ...] = ()  # for a template: the words it adds (template, label, outlets)

    def to_json(self) -> dict:
        return {"text": self.text, "sources": [c.to_json() for c in self.sources]}


@dataclass(frozen=True)
class Candidate:
    article: str
    start: int
    end: int
    text: str
    rank: int  # the sentence's place in its article
    order: str  # the article's date, for the reading order
    features: frozenset[str] = frozenset()


def lexrank(vectors: np.ndarray, threshold: float = THRESHOLD, iterations: int = 100) -> np.ndarray:
    """Stationary distribution of the thresholded cosine graph (continuous LexRank, damping 0.85)."""
    n = vectors.shape[0]
    if n == 0:
        return np.zeros(0)
    sim = vectors @ vectors.T
    adj = np.where(sim > threshold, sim, 0.0)
    rows = adj.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    m = adj / rows
    p = np.full(n, 1.0 / n)
    d = 0.85
    for _ in range(iterations):
        q = (1 - d) / n + d * (m.T @ p)
        if np.abs(q - p).sum() < 1e-8:
            p = q
            break
        p = q
    return p


def tfidf(texts: Sequence[str]) -> np.ndarray:
    """Unit-length TF-IDF rows over light stems (idf from these sentences)."""
    toks = [stems(t) for t in texts]
    df: Counter = Counter()
    for ts in toks:
        df.update(set(ts))
    vocab = {w: i for i, w in enumerate(df)}
    n = len(texts)
    out = np.zeros((n, len(vocab)), dtype=np.float64)
    for i, ts in enumerate(toks):
        for w, c in Counter(ts).items():
            out[i, vocab[w]] = (1 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5))
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


def concepts(text: str) -> set[tuple[str, str]]:
    """Pairs of neighbouring content stems of a sentence."""
    st = stems(text)
    return set(zip(st, st[1:]))


def _weights(cands: Sequence[Candidate], cons: list[set]) -> dict:
    """Each facet's weight: the articles that carry it (concepts from ``CONCEPT_DF`` articles, or
    said twice in a one-article story), times its kind's ``WEIGHT``."""
    arts: dict = {}
    count: Counter = Counter()
    for c, cs in zip(cands, cons):
        for k in cs:
            arts.setdefault(k, set()).add(c.article)
            count[k] += 1
        for f in c.features:
            arts.setdefault(f, set()).add(c.article)
    several = len({c.article for c in cands}) > 1
    out = {}
    for k, a in arts.items():
        if isinstance(k, tuple):
            if (len(a) >= CONCEPT_DF) if several else count[k] >= 2:
                out[k] = float(len(a))
        else:
            kind = k.split(":")[0]
            if kind == "lead":
                out[k] = WEIGHT["lead"]
            elif kind in WEIGHT:
                out[k] = WEIGHT[kind] * len(a)
    return out


def select(cands: Sequence[Candidate], max_sentences: int = MAX_SENTENCES, max_words: int | None = None,
           redundant: float = REDUNDANT, covered: set | None = None) -> list[Candidate]:
    """The chosen candidates, in reading order (article date, then place in the article): greedily
    the sentence that covers the most facet weight not yet covered per word,
    plus its centrality; a sentence too like a chosen one is skipped."""
    if not cands:
        return []
    vec = tfidf([c.text for c in cands])
    cent = lexrank(vec)
    cent = cent / (cent.max() or 1.0)
    cons = [concepts(c.text) for c in cands]
    facets = [set(cs) | {f if f != "lead" else f"lead:{c.article}" for f in c.features}
              for c, cs in zip(cands, cons)]
    weight = _weights(cands, [set(cs) for cs in cons])
    for f in facets:
        for k in list(f):
            if isinstance(k, str) and k.startswith("lead:"):
                weight.setdefault(k, WEIGHT["lead"])
    size = [max(1.0, len(c.text.split())) for c in cands]
    # a short line (a dateline, a caption) says little: centrality counts in full from FULL_WORDS words
    length = np.array([min(1.0, n / FULL_WORDS) for n in size])
    prior = CENTRALITY * cent * length
    covered = set(covered or ())  # facets a template line already states
    chosen: list[int] = []
    n_words = 0

    def score(i: int) -> float:
        return sum(weight.get(k, 0.0) for k in facets[i] if k not in covered) / size[i] + float(prior[i])

    # lazy greedy (Minoux 1978): a sentence's score only falls as facets get covered, so a stale
    # score at the top of the heap is refreshed and taken only if it still leads
    heap = [(-score(i), i) for i in range(len(cands))]
    heapq.heapify(heap)
    while heap and len(chosen) < max_sentences:
        _, best = heapq.heappop(heap)
        fresh = score(best)
        if heap and fresh < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-fresh, best))
            continue
        if any(float(vec[best] @ vec[j]) > redundant for j in chosen):
            continue
        w = len(cands[best].text.split())
        if max_words is not None and n_words and n_words + w > max_words:
            continue
        chosen.append(best)
        covered |= facets[best]
        n_words += w
    return sorted((cands[i] for i in chosen), key=lambda c: (c.order, c.article, c.rank))


@lru_cache(maxsize=1)
def _cause_cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    d = load_json("summary_cues.json")["cause"]
    return {lang: tuple(sorted((tuple(words(x)) for x in xs if words(x)), key=len, reverse=True))
            for lang, xs in d.items()}


@lru_cache(maxsize=1)
def _cue_index() -> tuple[dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[str, ...]]]:
    """Phrase cues by their first word (longest first), and the one-word cues (matched as a prefix)
    by their first three letters."""
    by: dict[str, list] = {}
    for c in sorted((c for cs in _cause_cues().values() for c in cs), key=len, reverse=True):
        by.setdefault(c[0], []).append(c)
    single: dict[str, list[str]] = {}
    for cs in _cause_cues().values():
        for c in cs:
            if len(c) == 1 and len(c[0]) > 3:
                single.setdefault(c[0][:3], []).append(c[0])
    return {k: tuple(v) for k, v in by.items()}, {k: tuple(v) for k, v in single.items()}


def cause(text: str) -> str | None:
    """The why facet a sentence holds: a cause cue and the content stem after it ("احتجاجا على
    ارتفاع": cause:ارتفاع), or None."""
    ws = words(text)
    by, single = _cue_index()
    for k, w in enumerate(ws):
        got = next((c for c in by.get(w, ()) if tuple(ws[k:k + len(c)]) == c), None)
        if got is None:
            b = _bare(w)
            got = next(((p,) for p in single.get(b[:3], ()) if b.startswith(p)), None)
        if got is not None:
            rest = stems(" ".join(ws[k + len(got):k + len(got) + 3]))
            return "cause:" + (rest[0] if rest else got[0])
    return None


def _bare(w: str) -> str:
    return w[1:] if len(w) > 3 and w[0] in "وفبل" else w


def candidates(reads, figure_spans: dict[str, list[tuple]] | None = None,
               language: str | None = None) -> list[Candidate]:
    """Whole sentences of the story's articles in its main language, with the facets they cover:
    ``fact:<id>`` (a figure several articles report; ``figure_spans``: article -> [(start, end,
    fact id)]), ``ent:<name>``, ``cause:<stem>``, ``date:<day>``, ``place:<name>`` and ``lead``."""
    out = []
    figure_spans = figure_spans or {}
    for r in reads:
        a = r.article
        if language and a.language and a.language != language:
            continue
        figs = figure_spans.get(a.id, [])
        ents = a.layer("entities")
        places = a.layer("places")
        for k, s in enumerate(a.layer("sentences")):
            text = a.text[s.start:s.end]
            n = len(text.split())
            if n < MIN_WORDS or n > MAX_WORDS or text.strip() != text or "\n" in text:
                continue
            f = set()
            for x in figs:
                if s.start <= x[0] < s.end:
                    f.add(f"fact:{x[2]}" if len(x) > 2 else "figure")
            for d in r.dates:
                if s.start <= d.start < s.end and getattr(d, "value", None):
                    f.add("date:" + str(d.value)[:10])
            for p in places:
                if s.start <= p.start < s.end:
                    f.add("place:" + match(a.text[p.start:p.end]))
            for e in ents:
                if s.start <= e.start < s.end and getattr(e, "label", "") in ("PER", "ORG", "LOC"):
                    f.add("ent:" + (e.entity or " ".join(stems(e.text)) or match(e.text)))
            why = cause(text)
            if why:
                f.add(why)
            if k == 0:
                f.add("lead")
            out.append(Candidate(a.id, s.start, s.end, text, k, r.published or "", frozenset(f)))
    return out


def _dedupe(cands: list[Candidate]) -> tuple[list[Candidate], dict[str, list[Candidate]]]:
    """One candidate per distinct text (the same sentence in several articles cites them all)."""
    by: dict[str, list[Candidate]] = {}
    for c in cands:
        by.setdefault(_WS.sub(" ", c.text), []).append(c)
    return [v[0] for v in by.values()], by


def _template(call, pair, key: str, language: str | None) -> Line:
    """A template line over two groups of mentions, each shown by its most precise mention's own
    words and its outlets, cited by every mention of both groups."""
    lang = "ar" if (language or "ar") == "ar" else "en"
    t = lexicon().templates[lang]
    from riwaya.account.compare import best

    first = [best(ms) for ms in pair]
    outs = [t["and"].join(sorted({m.outlet or m.article for m in ms})) for ms in pair]
    what = label(call.measure.what, lang)
    text = t[key].format(what=what, a=first[0].text, oa=outs[0], ob=outs[1], b=first[1].text)
    cites = [Cite(m.article, m.start, m.end) for ms in pair for m in ms]
    fixed = re.sub(r"\{\w+\}", " ", t[key]) + " " + what + " " + t["and"] + " " + " ".join(outs)
    return Line(text, tuple(dict.fromkeys(cites)), key, (fixed,))


def conflict_line(call, language: str | None) -> Line | None:
    """A conflict as a template over its two best-attested sides, each value in a mention's own words."""
    sd = sorted(call.sides, key=lambda s: -len({m.article for m in s.mentions}))[:2]
    return _template(call, [s.mentions for s in sd], "conflict", language) if len(sd) == 2 else None


def update_line(call, language: str | None) -> Line | None:
    """An update as a template over its first and last steps ("عدد القتلى: ستة أشخاص بحسب A، ثم 11
    قتيلا بحسب B."), each value a mention's own words, cited by the steps' mentions."""
    if len(call.sequence) < 2:
        return None
    return _template(call, [call.sequence[0].mentions, call.sequence[-1].mentions], "update", language)


def summarise(reads, calls, language: str | None = None, max_sentences: int = MAX_SENTENCES,
              max_words: int | None = None) -> list[Line]:
    """The story's cited summary: conflict sentences first (at most ``MAX_CONFLICTS``), then the
    best-attested update (at most ``MAX_UPDATES``: a toll that rose, from its first report to its
    last), then the extracted sentences in reading order."""
    conflicts = [c for c in calls if c.status == "conflict"]
    conflicts.sort(key=lambda c: -c.confidence)
    lines = [ln for c in conflicts[:MAX_CONFLICTS] if (ln := conflict_line(c, language))]
    updates = [c for c in calls if c.status == "update"]
    updates.sort(key=lambda c: (-len({m.article for m in c.measure.mentions}), c.measure.id))
    done = set()
    for c in updates[:MAX_UPDATES]:
        if (ln := update_line(c, language)):
            lines.append(ln)
            done.add(f"fact:{c.measure.id}")
    figs: dict[str, list[tuple]] = {}
    agreeing: dict[str, list[Cite]] = {}  # fact id -> the sentences of its mentions
    for c in calls:
        if len({m.article for m in c.measure.mentions}) > 1 and c.status in ("agree", "update"):
            for m in c.measure.mentions:
                figs.setdefault(m.article, []).append((m.start, m.end, c.measure.id))
                if c.status == "agree":
                    agreeing.setdefault(c.measure.id, []).append(Cite(m.article, *m.sentence))
    cands, same = _dedupe(candidates(reads, figs, language))
    for c in select(cands, max_sentences - len(lines), max_words, covered=done):
        cites = [Cite(x.article, x.start, x.end) for x in same[_WS.sub(" ", c.text)]]
        for f in sorted(c.features):
            if f.startswith("fact:"):
                cites += agreeing.get(f[5:], [])  # the other outlets whose figure agrees
        lines.append(Line(c.text, tuple(dict.fromkeys(cites)), "extract"))
    return lines


def supported(line: Line, texts: dict[str, str], outlets: dict[str, str | None]) -> bool:
    """Is every word of ``line`` in its cited spans (an extract: one span is the sentence itself;
    a template: the words it adds are its fixed words, its label and the cited articles' outlets)?"""
    spans = [texts[c.article][c.start:c.end] for c in line.sources if c.article in texts]
    if not spans:
        return False
    if line.kind == "extract":
        return any(_WS.sub(" ", s) == _WS.sub(" ", line.text) for s in spans)
    allowed = set(_words(" ".join(spans)))
    allowed |= set(_words(" ".join(line.support)))
    allowed |= set(_words(" ".join(o or "" for c in line.sources for o in [outlets.get(c.article)])))
    return all(w in allowed or (w[:1] in "وف" and w[1:] in allowed) for w in _words(line.text))


def template_words() -> tuple[str, ...]:
    """Every word a template may add on its own: its fixed words and every measure label."""
    lex = lexicon()
    fixed = [re.sub(r"\{\w+\}", " ", t) for lang in lex.templates.values() for t in lang.values()]
    return tuple(fixed) + tuple(x for pair in lex.labels.values() for x in pair)


def check(record: dict, texts: dict[str, str], outlets: dict[str, str | None]) -> bool:
    """Is a written summary sentence (``{text, sources}``) supported by its cited spans? Either it is
    one cited span word for word, or each of its words is in its cited spans, a template's own
    words or a cited article's outlet."""
    cites = tuple(Cite(c["article"], c["start"], c["end"]) for c in record["sources"])
    return (supported(Line(record["text"], cites, "extract"), texts, outlets)
            or supported(Line(record["text"], cites, "conflict", template_words()), texts, outlets))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)
