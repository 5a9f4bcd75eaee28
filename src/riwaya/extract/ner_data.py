"""Named-entity corpora in "token TAG" lines (CoNLL style), read as sentences with four labels.

``read(path, scheme)`` maps each corpus's tags to PER, LOC, ORG, MISC (``SCHEMES``; a tag a scheme
does not list becomes O) and repairs an I- tag that follows O or another type into a B-. Wojood
gives nested entities several tags; its first (outermost) tag is kept. ``spans(tags)`` gives the
entities of a BIO sequence as (label, first, past last) the way conlleval counts them.
"""
from __future__ import annotations

from pathlib import Path

from riwaya.errors import EvalError

SCHEMES = {
    "anercorp": {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"},
    "wojood": {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "EVENT": "MISC"},
    "aqmar": {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MIS0": "MISC", "MIS1": "MISC", "MIS2": "MISC",
              "MIS3": "MISC", "MIS": "MISC", "MISC": "MISC"},
}
LABELS = ("PER", "LOC", "ORG", "MISC")
# where the corpora lie under the shared data folder
CAMEL_TRAIN = ("eval", "ner", "anercorp-camel", "ANERCorp_CamelLab_train.txt")
CAMEL_TEST = ("eval", "ner", "anercorp-camel", "ANERCorp_CamelLab_test.txt")
WOJOOD = ("eval", "ner", "wojood-sample")


def read(path: Path | str, scheme: str = "anercorp") -> list[tuple[list[str], list[str]]]:
    """Sentences of a BIO file as (tokens, tags) with tags in B-/I- PER, LOC, ORG, MISC or O."""
    names = SCHEMES[scheme]
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise EvalError(f"{path}: not a readable UTF-8 BIO file ({err})") from err
    out, toks, tags = [], [], []
    for line in lines + [""]:
        parts = line.replace("\u200e", "").split()
        if len(parts) < 2 or parts[0] == "$#$":
            if toks:
                out.append((toks, _repair(tags)))
            toks, tags = [], []
            continue
        toks.append(parts[0])
        tags.append(_map(parts[1], names))
    return out


def _map(tag: str, names: dict) -> str:
    prefix, _, kind = tag.partition("-")
    if prefix not in ("B", "I") or kind not in names:
        return "O"
    return f"{prefix}-{names[kind]}"


def _repair(tags: list[str]) -> list[str]:
    out = []
    for i, t in enumerate(tags):
        if t.startswith("I-") and (i == 0 or out[-1][2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
    return out


def spans(tags: list[str]) -> set[tuple[str, int, int]]:
    """Entities of a BIO sequence as (label, first token, past last token)."""
    out, start, label = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if start is not None and not (t.startswith("I-") and t[2:] == label):
            out.add((label, start, i))
            start = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, label = i, t[2:]
    return out
