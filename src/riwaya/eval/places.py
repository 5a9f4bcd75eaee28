"""``riwaya eval places [BIO.txt]``: places found with the gazetteer, against the LOC entities of a
named-entity corpus (default: ANERcorp's CAMeL Lab test split in ../shared).

Each sentence is rebuilt from its tokens (joined by spaces); a mention covers the tokens its span
touches (an attached prefix such as و or ب stays on the token, as ANERcorp tags it). A mention is
right when it covers exactly the tokens of a gold LOC entity (entity-level precision, recall, F1,
as conlleval counts them); a second score counts a mention that overlaps a gold entity (ANERcorp
tags "مكة" in "مكة المكرمة" and "لبنان" in "جنوب لبنان", where the gazetteer has the longer name). Beside riwaya, in the same run: the same gazetteer looked up token by
token on the raw strings, without the matching form, attached prefixes or multi-word names (what a
plain word list gives).
"""
from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import click

DEFAULT = Path("eval", "ner", "anercorp-camel", "ANERCorp_CamelLab_test.txt")


@dataclass(frozen=True)
class Sentence:
    tokens: tuple[str, ...]
    locs: frozenset[tuple[int, int]]  # gold LOC entities as [first token, past last token)


def read_bio(path: Path, label: str = "LOC") -> list[Sentence]:
    """Sentences of a "token TAG" per line file, blank lines between sentences."""
    out, toks, tags = [], [], []

    def flush():
        if toks:
            out.append(Sentence(tuple(toks), frozenset(_spans(tags, label))))
        toks.clear()
        tags.clear()

    from riwaya.errors import EvalError

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise EvalError(f"{path}: not a readable UTF-8 BIO file ({err})") from err
    for line in lines:
        parts = line.split()
        if len(parts) < 2:
            flush()
            continue
        toks.append(parts[0])
        tags.append(parts[-1])
    flush()
    return out


def _spans(tags: list[str], label: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, t in enumerate(tags + ["O"]):
        inside = t == f"I-{label}" and start is not None
        if start is not None and not inside:
            spans.append((start, i))
            start = None
        if t == f"B-{label}" or (t == f"I-{label}" and start is None):
            start = i
    return spans


def riwaya_spans(s: Sentence) -> set[tuple[int, int]]:
    from riwaya.extract.places import find_places

    text = " ".join(s.tokens)
    starts, pos = [], 0
    for t in s.tokens:
        starts.append(pos)
        pos += len(t) + 1
    out = set()
    for m in find_places(text):
        out.add((bisect_right(starts, m.start) - 1, bisect_left(starts, m.end)))
    return out


@lru_cache(maxsize=1)
def _one_word_names() -> frozenset[str]:
    from riwaya.extract.places import gazetteer

    return frozenset(n for p in gazetteer().places.values() for n in p.names if " " not in n)


def plain_spans(s: Sentence) -> set[tuple[int, int]]:
    names = _one_word_names()
    return {(i, i + 1) for i, t in enumerate(s.tokens) if t in names}


def score(sentences: list[Sentence], find, overlap: bool = False) -> dict:
    """Entity-level precision, recall and F1: exact token spans, or (``overlap``) a mention and a
    gold entity that share a token, each used once ("جنوب لبنان" found where the gold tags "لبنان")."""
    tp = fp = fn = 0
    for s in sentences:
        got = find(s)
        hit = len(got & s.locs) if not overlap else _overlaps(got, s.locs)
        tp += hit
        fp += len(got) - hit
        fn += len(s.locs) - hit
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "fp": fp, "fn": fn}


def _overlaps(got: set, gold: frozenset) -> int:
    free, n = set(gold), 0
    for a, b in sorted(got):
        match = next((g for g in sorted(free) if g[0] < b and a < g[1]), None)
        if match is not None:
            free.discard(match)
            n += 1
    return n


@click.command(name="places")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def command(path, as_json):
    """Score gazetteer places against the LOC entities of PATH ("token TAG" lines, BIO tags;
    default: ANERcorp's CAMeL Lab test split under ../shared/eval/ner)."""
    from riwaya.errors import EvalError

    if path is None:
        path = Path(__file__).resolve().parents[3].parent / "shared" / DEFAULT
        if not path.exists():
            raise EvalError(f"{path}: not found; give the BIO file as an argument")
    sents = read_bio(Path(path))
    rows = {"riwaya (gazetteer on the matching form, prefixes, longest name)": score(sents, riwaya_spans),
            "same gazetteer, raw token lookup": score(sents, plain_spans),
            "riwaya, overlapping spans count": score(sents, riwaya_spans, overlap=True),
            "raw token lookup, overlapping spans count": score(sents, plain_spans, overlap=True)}
    out = {"file": str(path), "sentences": len(sents), "gold_locs": sum(len(s.locs) for s in sents), "rows": rows}
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    click.echo(f"{out['gold_locs']} LOC entities in {out['sentences']} sentences of {path}")
    click.echo(f"{'method':<66} {'P':>6} {'R':>6} {'F1':>6}")
    for name, r in rows.items():
        click.echo(f"{name:<66} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}")
