"""``riwaya eval summaries [DIR]``: the account's cited summary on multi-document summarisation data
(default: the MultiLing 2011 English sample in ../shared), against sumy's LexRank in the same run.

Each instance's documents become articles (paragraphs joined by blank lines, sentences split by
riwaya's splitter); riwaya's extractive summariser (``account.summary.select``: greedy coverage of
facets, concepts by article count, causes, dates, per word, plus LexRank centrality; redundancy skipped) and sumy's LexRankSummarizer (when sumy is
installed; sentences from the same splitter, so only the ranking differs) each give at most
``--sentences`` sentences, cut to ``--words`` words as ROUGE's ``-l`` does. Scores: ROUGE-1 and
ROUGE-2 recall and F1 against every reference summary (``rouge_n``: lower-cased alphanumeric tokens,
no stemming, no stopword removal; counts clipped per reference and summed over references, as
ROUGE-1.5.5 without jackknifing), citation support (every summary sentence is one of its cited
source sentences, ``account.summary.check``) and redundancy (mean and max cosine of TF-IDF between a
summary's sentences).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import click

from riwaya.eval import shared

DEFAULT = shared("eval", "summaries", "multiling2011-en-sample")
_TOK = re.compile(r"[a-z0-9]+|[^\W_]+", re.UNICODE)


def ngrams(text: str, n: int) -> Counter:
    toks = _TOK.findall(text.lower())
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def rouge_n(summary: str, references: list[str], n: int) -> dict:
    """ROUGE-N recall, precision and F1 of one summary against several references."""
    cand = ngrams(summary, n)
    hit = total = 0
    for ref in references:
        r = ngrams(ref, n)
        hit += sum(min(c, cand[g]) for g, c in r.items())
        total += sum(r.values())
    recall = hit / total if total else 0.0
    # precision as ROUGE-1.5.5 counts it over multiple references: matches over candidate n-grams per reference
    cn = sum(cand.values()) * max(len(references), 1)
    precision = hit / cn if cn else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"recall": recall, "precision": precision, "f": f}


def truncate(sentences: list[str], words: int) -> str:
    out, n = [], 0
    for s in sentences:
        ws = s.split()
        if n + len(ws) > words:
            out.append(" ".join(ws[: words - n]))
            break
        out.append(s)
        n += len(ws)
    return " ".join(x for x in out if x)


def load(root: Path) -> list[tuple[str, list[str], list[str]]]:
    """(instance id, document texts, reference summaries)."""
    docs = {}
    for line in (root / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs[d["instance_id"]] = ["\n\n".join(x["text"]) for x in d["documents"]]
    refs: dict[str, list[str]] = {}
    for line in (root / "summaries.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["summarizer_type"] == "reference":
            refs.setdefault(d["instance_id"], []).append(" ".join(d["summary"]["text"]))
    return [(i, docs[i], refs[i]) for i in sorted(docs) if refs.get(i)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text, line by line (riwaya's splitter)."""
    from riwaya.text.sentences import split

    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.extend(split(text, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def articles(texts: list[str], iid: str):
    from riwaya.model import Article, Published, Sentence, Source

    out = []
    for k, t in enumerate(texts):
        a = Article(id=f"{iid}-{k}", text=t, sources=(Source(path=iid),), language="en",
                    published=Published(f"2000-01-{k + 1:02d}", "metadata", 1.0))
        out.append(a.with_layer("sentences", tuple(Sentence(s, e) for s, e in split_sentences(t))))
    return out


def ours(arts, max_sentences: int, words: int):
    from riwaya.account.facts import Read
    from riwaya.account.summary import candidates, select

    reads = [Read(a, ()) for a in arts]
    chosen = select(candidates(reads), max_sentences, words)
    return [{"text": c.text, "sources": [{"article": c.article, "start": c.start, "end": c.end}]} for c in chosen]


class _Tok:
    """sumy's tokenizer interface over riwaya's sentence splitter (no NLTK data needed)."""

    language = "english"

    def to_sentences(self, paragraph: str):
        return tuple(paragraph[s:e] for s, e in split_sentences(paragraph))

    def to_words(self, sentence: str):
        return tuple(re.findall(r"[^\W_]+", sentence))


def sumy_lexrank(texts: list[str], max_sentences: int) -> list[str] | None:
    try:
        from sumy.nlp.stemmers import Stemmer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
    except ImportError:
        return None
    parser = PlaintextParser.from_string("\n\n".join(texts), _Tok())
    summ = LexRankSummarizer(Stemmer("english"))
    return [str(s) for s in summ(parser.document, max_sentences)]


def redundancy(sents: list[str]) -> tuple[float, float]:
    from riwaya.account.summary import tfidf

    if len(sents) < 2:
        return 0.0, 0.0
    v = tfidf(sents)
    sims = [float(v[i] @ v[j]) for i in range(len(sents)) for j in range(i + 1, len(sents))]
    return sum(sims) / len(sims), max(sims)


def evaluate(root: Path, max_sentences: int = 8, words: int = 250) -> dict:
    from riwaya.account.summary import check

    rows: dict[str, list] = {"riwaya": [], "sumy_lexrank": []}
    supported = total = 0
    for iid, texts, refs in load(root):
        arts = articles(texts, iid)
        lines = ours(arts, max_sentences, words)
        by = {a.id: a.text for a in arts}
        for ln in lines:
            total += 1
            supported += check(ln, by, {a.id: None for a in arts})
        sents = [ln["text"] for ln in lines]
        rows["riwaya"].append((iid, sents, refs))
        theirs = sumy_lexrank(texts, max_sentences)
        if theirs is not None:
            rows["sumy_lexrank"].append((iid, theirs, refs))
    out = {"instances": len(rows["riwaya"]), "max_sentences": max_sentences, "words": words}
    for name, rs in rows.items():
        if not rs:
            out[name] = "not installed (pip install sumy)"
            continue
        r1 = [rouge_n(truncate(s, words), refs, 1) for _, s, refs in rs]
        r2 = [rouge_n(truncate(s, words), refs, 2) for _, s, refs in rs]
        red = [redundancy(s) for _, s, _ in rs]
        out[name] = {"rouge1_recall": _mean(x["recall"] for x in r1), "rouge1_f": _mean(x["f"] for x in r1),
                     "rouge2_recall": _mean(x["recall"] for x in r2), "rouge2_f": _mean(x["f"] for x in r2),
                     "redundancy_mean": _mean(x[0] for x in red), "redundancy_max": _mean(x[1] for x in red),
                     "sentences": _mean(len(s) for _, s, _ in rs)}
    out["riwaya"]["citation_support"] = supported / total if total else 1.0
    return out


def _mean(xs) -> float:
    xs = list(xs)
    return round(sum(xs) / len(xs), 4) if xs else 0.0


@click.command(name="summaries")
@click.argument("data", required=False, default=DEFAULT, type=click.Path(exists=True, file_okay=False))
@click.option("--sentences", "max_sentences", default=8, show_default=True, help="Most sentences a summary may have.")
@click.option("--words", default=250, show_default=True, help="Summaries cut to this many words (ROUGE -l).")
def command(data, max_sentences, words):
    """ROUGE-1/2 of the account's summariser against sumy's LexRank, citation support, redundancy."""
    click.echo(json.dumps(evaluate(Path(data), max_sentences, words), indent=1))
